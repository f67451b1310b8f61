package io.ddc.core;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Objects;

/**
 * Says what went wrong with a file in words an administrator reads, not as a Java exception: the
 * JDK's {@code NoSuchFileException} carries only the path as its message, and its
 * {@code toString()} starts with the class name.
 *
 * <pre>{@code
 * IoProblems.describe(new AccessDeniedException("/srv/ddc/lab"))   // "/srv/ddc/lab: permission denied"
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class IoProblems {
    private IoProblems() {}

    /**
     * Describes a failure.
     *
     * @param failure what was thrown
     * @return such as {@code /srv/ddc/lab: permission denied} or {@code No space left on device}
     */
    public static String describe(Throwable failure) {
        Objects.requireNonNull(failure, "failure");
        if (failure instanceof FileSystemException) {
            FileSystemException file = (FileSystemException) failure;
            String what = file.getReason() != null ? file.getReason() : kind(file);
            String path = file.getFile();
            if (path == null) {
                return what;
            }
            return path + (file.getOtherFile() != null ? " -> " + file.getOtherFile() : "") + ": " + what;
        }
        String message = failure.getMessage();
        return message != null && !message.isBlank() ? message : failure.getClass().getSimpleName();
    }

    private static String kind(FileSystemException failure) {
        if (failure instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (failure instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (failure instanceof NotDirectoryException) {
            return "not a folder";
        }
        if (failure instanceof FileAlreadyExistsException) {
            return "already exists";
        }
        if (failure instanceof DirectoryNotEmptyException) {
            return "folder not empty";
        }
        return "file system error";
    }
}
