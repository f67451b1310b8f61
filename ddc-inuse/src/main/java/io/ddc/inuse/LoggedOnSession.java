package io.ddc.inuse;

import java.util.Objects;

/**
 * One session a logged-on query listed.
 *
 * @param user the user name as the target printed it
 * @param disconnected whether the query says the session is disconnected (quser's {@code Disc});
 *     false where the query cannot tell
 */
record LoggedOnSession(String user, boolean disconnected) {
    LoggedOnSession {
        Objects.requireNonNull(user, "user");
    }
}
