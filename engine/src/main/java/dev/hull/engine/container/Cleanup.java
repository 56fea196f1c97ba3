package dev.hull.engine.container;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Undo steps that must not hide the error that made them necessary. */
final class Cleanup {

    interface Step {
        void run() throws Exception;
    }

    private Cleanup() {
    }

    static void quietly(Step s) {
        try {
            s.run();
        } catch (Exception e) {
            System.err.println("warning: cleanup: " + e.getMessage());
        }
    }

    /** Removes a directory tree without following symlinks; absent is fine. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                Files.deleteIfExists(f);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                try {
                    Files.delete(d);
                } catch (NoSuchFileException ignored) {
                    // removed meanwhile
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
