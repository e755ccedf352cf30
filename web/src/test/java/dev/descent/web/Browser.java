package dev.descent.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven by Debian's chromedriver, both named explicitly so Selenium Manager never
 * goes to the network. Missing binaries skip the browser tests, except under {@code CI=true}. Public for the
 * dashboard benchmark in bench, which measures pages in the same browser.
 */
public final class Browser {
  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  public static final String MISSING = "browser tests need Debian's chromium and chromium-driver (" + CHROMIUM + ", "
      + CHROMEDRIVER + "): apt-get install chromium chromium-driver";

  private Browser() {}

  public static boolean available() {
    return Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER));
  }

  static boolean required() {
    return "true".equals(System.getenv("CI"));
  }

  public static ChromeDriver start(Path profile) {
    return start(profile, new String[0]);
  }

  /** @param extraArguments further Chromium flags, e.g. {@code --host-resolver-rules=...} */
  public static ChromeDriver start(Path profile, String... extraArguments) {
    Logger.getLogger("org.openqa.selenium").setLevel(Level.SEVERE);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().withSilent(true).build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + profile.toAbsolutePath());
    options.addArguments(extraArguments);
    options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
    options.setPageLoadTimeout(Duration.ofSeconds(20));
    options.setScriptTimeout(Duration.ofSeconds(10));
    return new ChromeDriver(service, options);
  }

  /** Saves a screenshot to docs/screenshots/NAME only when -Ddescent.screenshots is set (never in CI). */
  static void screenshot(ChromeDriver driver, String name) throws IOException {
    if (System.getProperty("descent.screenshots") == null) {
      return;
    }
    Path dir = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).resolve("../docs/screenshots")
        .normalize();
    Files.createDirectories(dir);
    Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), dir.resolve(name),
        StandardCopyOption.REPLACE_EXISTING);
  }
}
