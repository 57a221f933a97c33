package io.snn4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LineMap;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * No method or constructor of {@code src/main/java} is longer than {@link #MAX_LINES} lines, counted from its first
 * line (annotations and modifiers, not its Javadoc) to its closing brace, nested classes' methods on their own. The
 * sources are parsed with the JDK's own compiler tree API (no attribution, no dependency).
 */
class MethodLengthTest {
    static final int MAX_LINES = 120;

    /**
     * Methods allowed to be longer for now, as {@code Class.method} ({@code Outer.Inner.<init>} for a constructor),
     * while another branch splits them; none at present.
     */
    static final Set<String> BEING_SPLIT_ELSEWHERE = Set.of();

    @Test
    void noMethodInMainCodeIsLongerThan120Lines() throws IOException {
        List<String> tooLong = new ArrayList<>();
        Set<String> measured = new TreeSet<>();
        for (Method m : methods(Path.of("src", "main", "java"))) {
            measured.add(m.name());
            if (m.lines() > MAX_LINES && !BEING_SPLIT_ELSEWHERE.contains(m.name())) {
                tooLong.add(m.name() + " (" + m.file() + ":" + m.firstLine() + "): " + m.lines() + " lines");
            }
        }
        assertTrue(measured.size() > 1000, "found only " + measured.size() + " methods");
        assertEquals(List.of(), tooLong, "methods longer than " + MAX_LINES + " lines: split them");
    }

    /** An allowance ends when its method is split: the list holds only methods still over the limit. */
    @Test
    void theAllowListHoldsOnlyMethodsStillTooLong() throws IOException {
        Set<String> stillTooLong = new TreeSet<>();
        for (Method m : methods(Path.of("src", "main", "java"))) {
            if (m.lines() > MAX_LINES) {
                stillTooLong.add(m.name());
            }
        }
        Set<String> stale = new TreeSet<>(BEING_SPLIT_ELSEWHERE);
        stale.removeAll(stillTooLong);
        assertEquals(Set.of(), stale, "allow-listed methods now within " + MAX_LINES + " lines (or gone): remove "
                + "them from BEING_SPLIT_ELSEWHERE");
    }

    /** The checker itself: a method of 121 lines is caught, one of 120 is not, a nested class's method by itself. */
    @Test
    void countsFromTheDeclarationToTheClosingBrace(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        StringBuilder src = new StringBuilder("class A {\n    /** doc */\n    @Deprecated\n    void long121() {\n");
        for (int i = 0; i < 118; i++) {
            src.append("        int x").append(i).append(" = ").append(i).append(";\n");
        }
        src.append("    }\n    void short120() {\n");
        for (int i = 0; i < 118; i++) {
            src.append("        int y").append(i).append(" = ").append(i).append(";\n");
        }
        src.append("    }\n    static class B {\n        B() {\n        }\n    }\n}\n");
        Files.writeString(dir.resolve("A.java"), src);
        List<Method> found = methods(dir);
        assertEquals(List.of("A.long121 121", "A.short120 120", "A.B.<init> 2"),
                found.stream().map(m -> m.name() + " " + m.lines()).toList());
    }

    /** A method or constructor with a body: its name qualified by its classes, its file, first line and length. */
    record Method(String name, Path file, long firstLine, long lines) {
    }

    /** Every method and constructor with a body in the {@code .java} files under {@code root}, in source order. */
    static List<Method> methods(Path root) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<Method> out = new ArrayList<>();
        try (StandardJavaFileManager fm = compiler.getStandardFileManager(null, null, null)) {
            JavacTask task = (JavacTask) compiler.getTask(null, fm, d -> { }, List.of("-proc:none"), null,
                    fm.getJavaFileObjectsFromPaths(files));
            SourcePositions positions = Trees.instance(task).getSourcePositions();
            for (CompilationUnitTree unit : task.parse()) {
                Path file = root.toAbsolutePath().relativize(Path.of(unit.getSourceFile().toUri()));
                LineMap lines = unit.getLineMap();
                new TreeScanner<Void, Deque<String>>() {
                    @Override
                    public Void visitClass(ClassTree c, Deque<String> classes) {
                        classes.addLast(c.getSimpleName().toString());
                        super.visitClass(c, classes);
                        classes.removeLast();
                        return null;
                    }

                    @Override
                    public Void visitMethod(MethodTree m, Deque<String> classes) {
                        if (m.getBody() != null) {
                            long first = lines.getLineNumber(positions.getStartPosition(unit, m));
                            long last = lines.getLineNumber(positions.getEndPosition(unit, m));
                            out.add(new Method(String.join(".", classes) + "." + m.getName(), file, first,
                                    last - first + 1));
                        }
                        return super.visitMethod(m, classes);
                    }
                }.scan(unit, new ArrayDeque<>());
            }
        }
        return out;
    }
}
