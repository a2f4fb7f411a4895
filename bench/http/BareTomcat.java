import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * The ceiling of the container alone: the same embedded Tomcat as statelab's, one servlet that compares
 * the Authorization header with a constant and writes a file held in memory. No Spring, no security
 * chain, no metrics. Usage (classpath from bench/http/run.sh's WORK/cp.txt):
 *   java -Xmx256m -cp "$(cat /tmp/statelab-bench-http/cp.txt)" bench/http/BareTomcat.java PORT FILE
 * then wrk -t2 -c32 -H "Authorization: Basic $(printf bench:bench-secret | base64)" http://127.0.0.1:PORT/x
 */
public class BareTomcat {

    public static void main(String[] args) throws Exception {
        byte[] body = Files.readAllBytes(Path.of(args[1]));
        String expected = "Basic " + Base64.getEncoder().encodeToString("bench:bench-secret".getBytes());
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("bare-tomcat").toString());
        Connector connector = new Connector("org.apache.coyote.http11.Http11NioProtocol");
        connector.setPort(Integer.parseInt(args[0]));
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        var context = tomcat.addContext("", null);
        Tomcat.addServlet(context, "file", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) throws java.io.IOException {
                if (!expected.equals(request.getHeader("Authorization"))) {
                    response.sendError(401);
                    return;
                }
                response.setContentType("application/octet-stream");
                response.setContentLength(body.length);
                response.getOutputStream().write(body);
            }
        });
        context.addServletMappingDecoded("/*", "file");
        tomcat.start();
        tomcat.getServer().await();
    }
}
