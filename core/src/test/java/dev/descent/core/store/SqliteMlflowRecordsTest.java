package dev.descent.core.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteMlflowRecordsTest extends MlflowRecordsContract {
  @TempDir
  Path dir;

  @Override
  protected RunStore open() {
    return RunStores.open(dir.resolve("store").toString(), clock());
  }
}
