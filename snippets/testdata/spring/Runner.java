// Runs the Spring code examples for go test ./snippets, in one JVM:
//
//   java -cp '/usr/share/java/*' Runner.java SPEC.json RESULTS.jsonl WORKDIR [STUBDIR]
//
// SPEC.json lists the snippets: {"snippets": [{"id", "file", "class",
// "scenarios": [{"method", "path", "headers": [[name, value]...], "body"}]}]}.
// Each file holds the code example with "package <id>;" put in front of its
// first line, so javac's line numbers are the snippet's. All snippets are
// compiled in one batch with the JDK's compiler; when the batch fails, the
// files with errors are set aside and the others compiled again. Each
// controller is set up with MockMvcBuilders.standaloneSetup(controller) and
// its scenarios run in order against that one MockMvc.
//
// Java files in STUBDIR stand in for Spring 6 types that Spring 4.3 lacks;
// they are compiled first and put on the snippets' class path.
//
// RESULTS.jsonl gets one JSON line with the versions, then one line per
// snippet, so that a crash is pinned on the snippet that was running. The
// assertions are made by the Go test, not here.

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.springframework.core.SpringVersion;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

public class Runner {
    static final int BODY_LIMIT = 4096;
    static final long ASYNC_TIMEOUT_MS = 10_000;
    static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        JsonNode spec = JSON.readTree(new File(args[0]));
        PrintWriter out = new PrintWriter(Files.newBufferedWriter(Paths.get(args[1]), StandardCharsets.UTF_8));
        Path work = Paths.get(args[2]);
        Path stubDir = args.length > 3 ? Paths.get(args[3]) : null;

        Map<String, Object> versions = new LinkedHashMap<>();
        versions.put("spring", SpringVersion.getVersion());
        emit(out, Map.of("versions", versions));

        List<JsonNode> snippets = new ArrayList<>();
        spec.get("snippets").forEach(snippets::add);
        Map<String, List<Map<String, Object>>> compileErrors = new LinkedHashMap<>();
        for (JsonNode sn : snippets) {
            compileErrors.put(sn.get("id").asText(), new ArrayList<>());
        }

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Path classes = work.resolve("classes");
        Files.createDirectories(classes);
        String classPath = System.getProperty("java.class.path");

        // The stubs, if any: a failure there is every snippet's failure.
        String stubError = null;
        if (stubDir != null && Files.isDirectory(stubDir)) {
            List<Path> stubs;
            try (Stream<Path> s = Files.walk(stubDir)) {
                stubs = s.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList());
            }
            if (!stubs.isEmpty()) {
                Map<Path, List<String>> errs = compile(javac, stubs, classPath, classes);
                if (!errs.isEmpty()) {
                    stubError = "the Spring stubs in " + stubDir + " do not compile: " + errs;
                }
            }
        }

        // Compile every snippet in one batch; set aside the files with errors
        // and compile the others again until a batch succeeds.
        Map<Path, String> idOf = new LinkedHashMap<>();
        for (JsonNode sn : snippets) {
            idOf.put(Paths.get(sn.get("file").asText()).toAbsolutePath().normalize(), sn.get("id").asText());
        }
        List<Path> pending = new ArrayList<>(idOf.keySet());
        String cp = classPath + File.pathSeparator + classes;
        while (stubError == null && !pending.isEmpty()) {
            DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
            boolean ok = compileWith(javac, pending, cp, classes, diags);
            if (ok) {
                break;
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
                List<Map<String, Object>> list = compileErrors.get(id);
                if (list.size() < 3) {
                    list.add(error("does not compile: " + d.getMessage(Locale.ROOT).trim().replaceAll("\\s*\n\\s*", "; ").replaceAll(" {2,}", " "),
                            (int) d.getLineNumber()));
                }
            }
            if (failed.isEmpty()) {
                for (Path p : pending) {
                    compileErrors.get(idOf.get(p)).add(error("javac failed: " + String.join("; ", unattributed), 0));
                }
                break;
            }
            pending.removeAll(failed);
        }

        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, Runner.class.getClassLoader());
        for (JsonNode sn : snippets) {
            String id = sn.get("id").asText();
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("id", id);
            List<Map<String, Object>> errors = new ArrayList<>(compileErrors.get(id));
            if (stubError != null) {
                errors.add(error(stubError, 0));
            }
            result.put("errors", errors);
            List<Map<String, Object>> scenarios = new ArrayList<>();
            result.put("scenarios", scenarios);
            if (errors.isEmpty()) {
                try {
                    run(loader, id, sn, scenarios, errors);
                } catch (Throwable t) {
                    errors.add(errorOf(id, "setting up the controller failed: ", t));
                }
            }
            emit(out, result);
        }
        out.close();
        System.err.println("ran " + snippets.size() + " Spring snippets");
        System.exit(0);
    }

    static void run(ClassLoader loader, String id, JsonNode sn, List<Map<String, Object>> scenarios,
            List<Map<String, Object>> errors) throws Exception {
        Class<?> cls = Class.forName(id + "." + sn.get("class").asText(), true, loader);
        Object controller;
        try {
            controller = cls.getDeclaredConstructor().newInstance();
        } catch (NoSuchMethodException e) {
            errors.add(error("the controller has no constructor without arguments, so the test cannot create it", 0));
            return;
        } catch (java.lang.reflect.InvocationTargetException e) {
            errors.add(errorOf(id, "the controller's constructor threw ", e.getCause()));
            return;
        }
        MockMvc mvc = MockMvcBuilders.standaloneSetup(controller).build();
        for (JsonNode sc : sn.get("scenarios")) {
            Map<String, Object> r = new LinkedHashMap<>();
            try {
                MvcResult res = mvc.perform(request(sc)).andReturn();
                if (res.getRequest().isAsyncStarted()) {
                    // A DeferredResult, Callable and the like: wait for the
                    // result and dispatch again, as a servlet container would.
                    res.getAsyncResult(ASYNC_TIMEOUT_MS);
                    res = mvc.perform(MockMvcRequestBuilders.asyncDispatch(res)).andReturn();
                }
                MockHttpServletResponse resp = res.getResponse();
                r.put("status", resp.getStatus());
                List<List<String>> headers = new ArrayList<>();
                for (String name : resp.getHeaderNames()) {
                    for (String value : resp.getHeaders(name)) {
                        headers.add(Arrays.asList(name, value));
                    }
                }
                r.put("headers", headers);
                byte[] body = resp.getContentAsByteArray();
                r.put("body", new String(body, 0, Math.min(body.length, BODY_LIMIT), StandardCharsets.UTF_8));
                r.put("body_len", body.length);
            } catch (Throwable t) {
                r.put("error", errorOf(id, "the app threw ", t));
            }
            scenarios.add(r);
        }
    }

    static MockHttpServletRequestBuilder request(JsonNode sc) {
        String method = sc.get("method").asText();
        URI uri = URI.create(sc.get("path").asText());
        HttpMethod known = HttpMethod.resolve(method);
        MockHttpServletRequestBuilder b;
        if (known != null) {
            b = MockMvcRequestBuilders.request(known, uri);
        } else {
            b = MockMvcRequestBuilders.request(HttpMethod.GET, uri).with(req -> {
                req.setMethod(method);
                return req;
            });
        }
        // The header fields a client sends without being asked: Host, and
        // Content-Length for a body that is not sent chunked.
        boolean host = false;
        boolean length = false;
        JsonNode headers = sc.get("headers");
        if (headers != null) {
            for (JsonNode h : headers) {
                String name = h.get(0).asText();
                String value = h.get(1).asText();
                host |= name.equalsIgnoreCase("Host");
                length |= name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Transfer-Encoding");
                if (name.equalsIgnoreCase("Content-Type")) {
                    b.contentType(value);
                } else {
                    b.header(name, value);
                }
            }
        }
        if (!host) {
            b.header("Host", "localhost");
        }
        String body = sc.path("body").asText("");
        if (!body.isEmpty()) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            b.content(bytes);
            if (!length) {
                b.header("Content-Length", String.valueOf(bytes.length));
            }
        }
        return b;
    }

    static Map<Path, List<String>> compile(JavaCompiler javac, List<Path> files, String cp, Path classes) throws Exception {
        DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
        compileWith(javac, files, cp, classes, diags);
        Map<Path, List<String>> errs = new LinkedHashMap<>();
        for (Diagnostic<? extends JavaFileObject> d : diags.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                Path src = d.getSource() == null ? null : Paths.get(d.getSource().toUri());
                errs.computeIfAbsent(src, k -> new ArrayList<>()).add(d.getLineNumber() + ": " + d.getMessage(Locale.ROOT));
            }
        }
        return errs;
    }

    static boolean compileWith(JavaCompiler javac, List<Path> files, String cp, Path classes,
            DiagnosticCollector<JavaFileObject> diags) throws Exception {
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diags, Locale.ROOT, StandardCharsets.UTF_8)) {
            Iterable<? extends JavaFileObject> units = fm.getJavaFileObjectsFromPaths(files);
            // -parameters and -g as a Spring Boot build compiles, so that
            // @PathVariable and @RequestParam find their names.
            List<String> opts = Arrays.asList("-d", classes.toString(), "-cp", cp, "-parameters", "-g",
                    "-proc:none", "-encoding", "UTF-8", "-Xlint:none", "-nowarn", "-Xmaxerrs", "1000");
            return javac.getTask(null, fm, diags, opts, null, units).call();
        }
    }

    static Map<String, Object> error(String message, int line) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("message", message);
        e.put("line", line);
        return e;
    }

    // The innermost cause of a throwable (NestedServletException and the
    // like only wrap it), and the innermost line of the snippet (the package
    // named id) found in the stacks of the causes, innermost first.
    static Map<String, Object> errorOf(String id, String prefix, Throwable t) {
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

    static void emit(PrintWriter out, Object obj) throws Exception {
        out.println(JSON.writeValueAsString(obj));
        out.flush();
    }
}
