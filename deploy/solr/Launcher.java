// Dev launcher for Solr 9 (standalone, no ZooKeeper) on an embedded Jetty 10.
//
//   java -Xms256m -Xmx1g -cp "$STATE/solr/lib/*" deploy/solr/Launcher.java <solrHome> <port> [pidFile]
//
// Run as a Java 17 single-file source program (no build step); the classpath
// comes from deploy/solr/pom.xml (solr-test-framework brings JettySolrRunner,
// solr-core and Jetty 10). JettySolrRunner serves Solr's SolrDispatchFilter
// under the context path /solr and binds to 127.0.0.1 only, so the cores are
// at http://127.0.0.1:<port>/solr/<core>. There is no admin UI (no webapp).
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.solr.embedded.JettyConfig;
import org.apache.solr.embedded.JettySolrRunner;

public class Launcher {
  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: Launcher <solrHome> <port> [pidFile]");
      System.exit(2);
    }
    Path home = Path.of(args[0]).toAbsolutePath().normalize();
    int port = Integer.parseInt(args[1]);
    if (!Files.isRegularFile(home.resolve("solr.xml"))) {
      System.err.println("no solr.xml in " + home);
      System.exit(2);
    }
    // Parts of Solr still read these as system properties.
    System.setProperty("solr.solr.home", home.toString());
    // Started with `setsid` by deploy/solr.sh, so record our real pid ourselves.
    if (args.length > 2) {
      Files.writeString(Path.of(args[2]), ProcessHandle.current().pid() + "\n");
    }

    JettyConfig config =
        JettyConfig.builder()
            .setPort(port) // context defaults to "/solr"
            .stopAtShutdown(true) // SIGTERM -> Jetty shutdown hook closes the cores cleanly
            .waitForLoadingCoresToFinish(120_000L)
            .withPortRetryTime(0) // port taken: fail at once (the retry path trips over Jetty)
            .build();
    JettySolrRunner solr = new JettySolrRunner(home.toString(), new Properties(), config);
    try {
      solr.start();
    } catch (Exception e) {
      System.err.println("Solr failed to start on 127.0.0.1:" + port + ": " + e);
      e.printStackTrace();
      System.exit(1);
    }
    var cores = solr.getCoreContainer();
    System.out.printf(
        "Solr %s ready at %s (cores: %s, load errors: %s)%n",
        org.apache.solr.core.SolrCore.class.getPackage().getImplementationVersion(),
        solr.getBaseUrl(),
        cores.getLoadedCoreNames(),
        cores.getCoreInitFailures().keySet());
    System.out.flush();
    new CountDownLatch(1).await(); // block until killed
  }
}
