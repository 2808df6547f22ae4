// Serves the Spring code examples for go test ./snippets, in one Spring Boot
// application on embedded Tomcat, one JVM per Spring Boot line:
//
//   java -cp CLASSPATH:HARNESS statusref.Runner SPEC.tsv OUT WORKDIR
//
// CLASSPATH is the line's (mvn -o dependency:build-classpath on its pom.xml);
// HARNESS holds this file, compiled. SPEC.tsv lists the snippets, one a line:
// "id<TAB>file<TAB>class". Each file holds the code example with
// "package <id>;" put in front of its first line, so javac's line numbers are
// the snippet's. All snippets are compiled in one batch with the JDK's
// compiler, WITHOUT -parameters: an unnamed @PathVariable or @RequestParam
// then fails, as it does in a project that compiles without it. When the
// batch fails, the files with errors are set aside and the others compiled
// again.
//
// Every snippet's controller is a bean of one application context, and every
// snippet gets its own Tomcat connector on a loopback port: a request
// condition on each controller (see SnippetMapping) lets a request reach only
// the controllers of the snippet whose port it came in on, so each snippet is
// served at its own paths, as written, and sees the others no more than a
// separate application would.
//
// OUT (the test passes /dev/fd/3) gets JSON lines: the versions; one line per
// snippet with its port or the errors that kept it from loading; {"ready":
// true} once every port listens; then {"id", "raised"} for each exception a
// snippet's handler throws while the test sends its scenarios. The runner
// exits when its standard input closes. The Go test is the HTTP client and
// makes the assertions.
package statusref;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.File;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.apache.catalina.connector.Connector;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.server.WebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.SpringVersion;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.condition.RequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

public class Runner {
    // The snippet package each connector's port serves; filled once the
    // connectors listen, before any request is sent.
    static final Map<Integer, String> PACKAGE_OF_PORT = new ConcurrentHashMap<>();
    static PrintWriter out;

    public static void main(String[] args) throws Exception {
        out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(args[1]), StandardCharsets.UTF_8));
        Path work = Paths.get(args[2]);

        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("spring-boot", SpringBootVersion.getVersion());
        versions.put("spring", SpringVersion.getVersion());
        versions.put("tomcat", org.apache.catalina.util.ServerInfo.getServerNumber());
        versions.put("java", System.getProperty("java.version"));
        emit("{\"versions\":" + json(versions) + "}");

        // id -> {file, class}
        Map<String, String[]> snippets = new LinkedHashMap<>();
        for (String l : Files.readAllLines(Paths.get(args[0]), StandardCharsets.UTF_8)) {
            if (l.isEmpty()) {
                continue;
            }
            String[] f = l.split("\t");
            snippets.put(f[0], new String[] {f[1], f[2]});
        }
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (String id : snippets.keySet()) {
            errors.put(id, new ArrayList<>());
        }

        Path classes = work.resolve("classes");
        Files.createDirectories(classes);
        compileAll(snippets, errors, System.getProperty("java.class.path"), classes);

        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, Runner.class.getClassLoader());
        Map<String, Class<?>> controllers = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> e : snippets.entrySet()) {
            String id = e.getKey();
            if (!errors.get(id).isEmpty()) {
                continue;
            }
            try {
                controllers.put(id, Class.forName(id + "." + e.getValue()[1], true, loader));
            } catch (Throwable t) {
                errors.get(id).add(errorOf(id, "loading the controller failed: ", t));
            }
        }

        // Start the application; a controller that cannot be created is
        // left out and the application started again without it.
        ConfigurableApplicationContext ctx = null;
        Map<String, Connector> connectors = new LinkedHashMap<>();
        while (true) {
            connectors.clear();
            for (String id : controllers.keySet()) {
                Connector c = new Connector("HTTP/1.1");
                c.setPort(0);
                c.setProperty("address", "127.0.0.1");
                c.setProperty("minSpareThreads", "1");
                connectors.put(id, c);
            }
            try {
                ctx = start(loader, controllers, connectors);
                break;
            } catch (Throwable t) {
                String bad = blamed(t, controllers.keySet());
                if (bad == null) {
                    for (String id : controllers.keySet()) {
                        errors.get(id).add(errorOf(id, "the Spring Boot application did not start: ", t));
                    }
                    controllers.clear();
                    break;
                }
                errors.get(bad).add(errorOf(bad, "creating the controller failed: ", t));
                controllers.remove(bad);
            }
        }
        for (String id : snippets.keySet()) {
            Connector c = connectors.get(id);
            if (ctx != null && c != null && controllers.containsKey(id)) {
                PACKAGE_OF_PORT.put(c.getLocalPort(), id);
            }
        }
        for (String id : snippets.keySet()) {
            StringBuilder line = new StringBuilder("{\"id\":").append(quote(id));
            Connector c = connectors.get(id);
            if (ctx != null && c != null && controllers.containsKey(id) && errors.get(id).isEmpty()) {
                line.append(",\"port\":").append(c.getLocalPort());
            }
            line.append(",\"errors\":[").append(String.join(",", errors.get(id))).append("]}");
            emit(line.toString());
        }
        emit("{\"ready\":true}");
        while (System.in.read() >= 0) {
            // Serve until the test closes our standard input.
        }
        if (ctx != null) {
            ctx.close();
        }
        out.close();
        System.exit(0);
    }

    static ConfigurableApplicationContext start(ClassLoader loader, Map<String, Class<?>> controllers,
            Map<String, Connector> connectors) {
        SpringApplication app = new SpringApplication(new DefaultResourceLoader(loader), App.class);
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("server.address", "127.0.0.1");
        props.put("server.port", "0");
        props.put("spring.main.banner-mode", "off");
        props.put("spring.jmx.enabled", "false");
        props.put("logging.level.root", "ERROR");
        app.setDefaultProperties(props);
        app.setRegisterShutdownHook(false);
        app.addInitializers(ctx -> {
            for (Map.Entry<String, Class<?>> e : controllers.entrySet()) {
                registerBean(ctx, e.getKey(), e.getValue());
            }
            WebServerFactoryCustomizer<WebServerFactory> connectorsCustomizer = factory -> {
                // TomcatServletWebServerFactory lives in another package on
                // each Spring Boot line, and
                // its method is addAdditionalConnectors on Boot 4 and
                // addAdditionalTomcatConnectors on Boot 3.
                Method add = null;
                for (String name : new String[] {"addAdditionalConnectors", "addAdditionalTomcatConnectors"}) {
                    try {
                        add = factory.getClass().getMethod(name, Connector[].class);
                        break;
                    } catch (NoSuchMethodException ex) {
                        // try the other line's
                    }
                }
                try {
                    add.invoke(factory, (Object) connectors.values().toArray(new Connector[0]));
                } catch (ReflectiveOperationException | NullPointerException ex) {
                    throw new IllegalStateException("cannot add the snippets' Tomcat connectors to " + factory.getClass(), ex);
                }
            };
            registerBean(ctx, "statusref.connectors", connectorsCustomizer);
            registerBean(ctx, "statusref.webMvcRegistrations", webMvcRegistrations(loader));
        });
        return app.run();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static void registerBean(ConfigurableApplicationContext ctx, String name, Class<?> cls) {
        ((org.springframework.context.support.GenericApplicationContext) ctx).registerBean(name, (Class) cls);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static void registerBean(ConfigurableApplicationContext ctx, String name, Object bean) {
        Class type = bean instanceof WebServerFactoryCustomizer ? WebServerFactoryCustomizer.class : bean.getClass().getInterfaces()[0];
        ((org.springframework.context.support.GenericApplicationContext) ctx).registerBean(name, type, () -> bean);
    }

    // WebMvcRegistrations hands Spring Boot the RequestMappingHandlerMapping
    // to use; the interface moved between the lines, so it is implemented
    // with a proxy for whichever one is on the class path.
    static Object webMvcRegistrations(ClassLoader loader) {
        Class<?> iface = null;
        for (String name : new String[] {
                "org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations", // Boot 4
                "org.springframework.boot.autoconfigure.web.servlet.WebMvcRegistrations", // Boot 3
        }) {
            try {
                iface = Class.forName(name, false, loader);
                break;
            } catch (ClassNotFoundException e) {
                // try the other line's
            }
        }
        if (iface == null) {
            throw new IllegalStateException("no WebMvcRegistrations on the class path");
        }
        return Proxy.newProxyInstance(loader, new Class<?>[] {iface}, (proxy, m, a) -> {
            switch (m.getName()) {
                case "getRequestMappingHandlerMapping":
                    return new SnippetMapping();
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == a[0];
                case "toString":
                    return "statusref WebMvcRegistrations";
                default:
                    return null; // Spring Boot's default
            }
        });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    public static class App {
        // Records each exception a snippet's handler throws, for the test's
        // failure message, and leaves its handling to Spring.
        @Bean
        public HandlerExceptionResolver statusrefRaised() {
            return new Raised();
        }
    }

    static class Raised implements HandlerExceptionResolver, Ordered {
        @Override
        public ModelAndView resolveException(HttpServletRequest req, HttpServletResponse resp, Object handler, Exception ex) {
            String id = PACKAGE_OF_PORT.get(req.getLocalPort());
            if (id != null && handler instanceof HandlerMethod) {
                emit("{\"id\":" + quote(id) + ",\"raised\":" + errorOf(id, "", ex) + "}");
            }
            return null;
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }

    // SnippetMapping puts a SnippetCondition on every snippet controller (and
    // on the bare app of the sent_by scenarios, package sentby_spring), so
    // that a request matches only the mappings of the snippet its port
    // serves, and leaves the mappings of other snippets out of the 405, 406
    // and 415 answers too.
    static class SnippetMapping extends RequestMappingHandlerMapping {
        // On the method: Spring drops a type-level condition when the class
        // has no @RequestMapping of its own.
        @Override
        protected RequestCondition<?> getCustomMethodCondition(Method method) {
            String pkg = method.getDeclaringClass().getPackageName();
            return pkg.matches("s\\d+(_\\d+)?|sentby_\\w+") ? new SnippetCondition(pkg) : null;
        }

        @Override
        protected HandlerMethod handleNoMatch(Set<RequestMappingInfo> infos, String lookupPath, HttpServletRequest request)
                throws jakarta.servlet.ServletException {
            Set<RequestMappingInfo> own = new LinkedHashSet<>();
            for (RequestMappingInfo info : infos) {
                RequestCondition<?> c = info.getCustomCondition();
                if (c == null || c.getMatchingCondition(request) != null) {
                    own.add(info);
                }
            }
            return super.handleNoMatch(own, lookupPath, request);
        }
    }

    static final class SnippetCondition implements RequestCondition<SnippetCondition> {
        final String pkg;

        SnippetCondition(String pkg) {
            this.pkg = pkg;
        }

        @Override
        public SnippetCondition combine(SnippetCondition other) {
            return other;
        }

        @Override
        public SnippetCondition getMatchingCondition(HttpServletRequest request) {
            return pkg.equals(PACKAGE_OF_PORT.get(request.getLocalPort())) ? this : null;
        }

        @Override
        public int compareTo(SnippetCondition other, HttpServletRequest request) {
            return 0;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SnippetCondition && ((SnippetCondition) o).pkg.equals(pkg);
        }

        @Override
        public int hashCode() {
            return pkg.hashCode();
        }

        @Override
        public String toString() {
            return "[snippet " + pkg + "]";
        }
    }

    // blamed is the snippet whose bean failed to be created, if it is one.
    static String blamed(Throwable t, Set<String> ids) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof BeanCreationException) {
                String name = ((BeanCreationException) c).getBeanName();
                if (name != null && ids.contains(name)) {
                    return name;
                }
            }
        }
        return null;
    }

    static void compileAll(Map<String, String[]> snippets, Map<String, List<String>> errors, String cp, Path classes)
            throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Map<Path, String> idOf = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> e : snippets.entrySet()) {
            idOf.put(Paths.get(e.getValue()[0]).toAbsolutePath().normalize(), e.getKey());
        }
        List<Path> pending = new ArrayList<>(idOf.keySet());
        while (!pending.isEmpty()) {
            DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
            boolean ok;
            try (StandardJavaFileManager fm = javac.getStandardFileManager(diags, Locale.ROOT, StandardCharsets.UTF_8)) {
                Iterable<? extends JavaFileObject> units = fm.getJavaFileObjectsFromPaths(pending);
                // No -parameters: see the comment at the top.
                List<String> opts = Arrays.asList("-d", classes.toString(), "-cp", cp, "-g",
                        "-proc:none", "-encoding", "UTF-8", "-Xlint:none", "-nowarn", "-Xmaxerrs", "1000");
                ok = javac.getTask(null, fm, diags, opts, null, units).call();
            }
            if (ok) {
                return;
            }
            List<Path> failed = new ArrayList<>();
            List<String> unattributed = new ArrayList<>();
            for (Diagnostic<? extends JavaFileObject> d : diags.getDiagnostics()) {
                if (d.getKind() != Diagnostic.Kind.ERROR) {
                    continue;
                }
                Path src = d.getSource() == null ? null : Paths.get(d.getSource().toUri()).toAbsolutePath().normalize();
                String id = src == null ? null : idOf.get(src);
                if (id == null) {
                    unattributed.add(d.getMessage(Locale.ROOT));
                    continue;
                }
                if (!failed.contains(src)) {
                    failed.add(src);
                }
                List<String> list = errors.get(id);
                if (list.size() < 3) {
                    list.add(error("does not compile: " + d.getMessage(Locale.ROOT).trim().replaceAll("\\s*\n\\s*", "; ").replaceAll(" {2,}", " "),
                            (int) d.getLineNumber()));
                }
            }
            if (failed.isEmpty()) {
                for (Path p : pending) {
                    errors.get(idOf.get(p)).add(error("javac failed: " + String.join("; ", unattributed), 0));
                }
                return;
            }
            pending.removeAll(failed);
        }
    }

    static String error(String message, int line) {
        return "{\"message\":" + quote(message) + ",\"line\":" + line + "}";
    }

    // The innermost cause of a throwable, and the innermost line of the
    // snippet (the package named id) found in the stacks of the causes,
    // innermost first.
    static String errorOf(String id, String prefix, Throwable t) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable c = t; c != null && !chain.contains(c); c = c.getCause()) {
            chain.add(0, c);
        }
        StringBuilder msg = new StringBuilder(prefix).append(chain.get(0));
        int line = 0;
        search:
        for (Throwable c : chain) {
            for (StackTraceElement el : c.getStackTrace()) {
                if (el.getClassName().startsWith(id + ".") && el.getLineNumber() > 0) {
                    line = el.getLineNumber();
                    msg.append(" (at ").append(el.getFileName()).append(':').append(line)
                            .append(" in ").append(el.getMethodName()).append(')');
                    break search;
                }
            }
        }
        return error(msg.toString(), line);
    }

    static synchronized void emit(String line) {
        out.println(line);
        out.flush();
    }

    static String json(Map<String, String> m) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, String> e : m.entrySet()) {
            parts.add(quote(e.getKey()) + ":" + quote(String.valueOf(e.getValue())));
        }
        return "{" + String.join(",", parts) + "}";
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
            }
        }
        return b.append('"').toString();
    }
}
