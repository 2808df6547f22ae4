import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.http.HttpStatus;

// The bare Spring Boot app that the sent_by scenarios of "spring",
// "spring-boot" and "tomcat" run against, on embedded Tomcat: an ordinary
// JSON controller, nothing written to send a particular status.
//
//   GET  /things/{id}   JSON only (produces application/json), a record
//   POST /things        takes JSON (consumes application/json), 201
//   GET  /boom          an ordinary handler with a bug: it divides by a count
//                       that is zero, so it throws an ArithmeticException that
//                       no code of the app catches
@RestController
public class ThingsController {
    public record Thing(String id, String name) {
    }

    @GetMapping(path = "/things/{id}", produces = "application/json")
    public Thing get(@PathVariable("id") String id) {
        return new Thing(id, "thing " + id);
    }

    @PostMapping(path = "/things", consumes = "application/json", produces = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    public Thing create(@RequestBody Thing thing) {
        return thing;
    }

    public record Average(int value) {
    }

    @GetMapping("/boom")
    public Average boom() {
        int total = 0;
        int count = 0;
        return new Average(total / count);
    }

    // For content/4xx/416.md: a file download, a Resource returned with 200,
    // which Spring serves with Range support.
    //
    //   GET  /things/{id}/label.txt   the thing's label as a Resource
    @GetMapping(path = "/things/{id}/label.txt")
    public org.springframework.core.io.Resource label(@PathVariable("id") String id) {
        return new org.springframework.core.io.ByteArrayResource(
                ("thing " + id + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    // For content/2xx/207.md: Tomcat's own WebDAV servlet, registered as a
    // reader would in a Spring Boot app, read-only (its default) at /webdav/*
    // over the embedded Tomcat's (empty) document root. PROPFIND needs the
    // listings parameter: without it WebdavServlet answers PROPFIND with 405.
    //
    //   PROPFIND /webdav/   WebdavServlet's multistatus listing, 207
    @org.springframework.context.annotation.Bean
    public org.springframework.boot.web.servlet.ServletRegistrationBean<org.apache.catalina.servlets.WebdavServlet> webdav() {
        var registration = new org.springframework.boot.web.servlet.ServletRegistrationBean<>(
                new org.apache.catalina.servlets.WebdavServlet(), "/webdav/*");
        registration.addInitParameter("listings", "true");
        return registration;
    }
}
