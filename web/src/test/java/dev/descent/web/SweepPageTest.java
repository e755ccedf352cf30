package dev.descent.web;

import dev.descent.core.TestExperiments;
import dev.descent.core.sweep.Sweep;
import dev.descent.core.sweep.SweepListener;
import dev.descent.core.sweep.SweepParser;
import dev.descent.core.sweep.SweepRunner;
import dev.descent.core.tracking.Workspace;
import dev.descent.core.train.Trainer;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A real sweep, trained by the real {@link SweepRunner} from a grid file's text into a fresh store, then served
 * and read in headless Chromium: the pages under test show what descent itself recorded, not hand-made rows.
 */
abstract class SweepPageTest extends ServedPageTest {
  Sweep sweep;
  /** How many cells the runner ran. */
  int ran;

  /** The grid file's text. */
  abstract String grid();

  /** How many cells train at once. */
  int workers() {
    return 2;
  }

  @Override
  final Workspace fill(Path dir) throws Exception {
    Workspace opened = Workspace.open(dir.resolve("store").toString(), null, Clock.systemUTC());
    sweep = new SweepParser(TestExperiments.PLUGINS).parse(grid(), "grid.yaml", dir);
    ran = new SweepRunner(new Trainer(TestExperiments.PLUGINS), opened.store(), opened.artifacts(),
        TestExperiments.PLUGINS, Clock.systemUTC()).run(sweep, null, workers(), SweepListener.NONE);
    opened.sync();
    return opened;
  }
}
