package io.ddc.parsers;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The column titles of a table, shared by its rows; a title names the first column that has it. */
final class Columns {
    static final Columns NONE = new Columns(new String[0]);

    private final List<String> titles;
    private final Map<String, Integer> index;

    Columns(String[] titles) {
        this.titles = Collections.unmodifiableList(Arrays.asList(titles.clone()));
        this.index = new HashMap<>(titles.length * 2);
        for (int i = titles.length - 1; i >= 0; i--) {
            index.put(titles[i], i);
        }
    }

    List<String> titles() {
        return titles;
    }

    /** @return the titles that appear more than once, each once, in order */
    List<String> repeated() {
        return titles.stream().filter(t -> titles.indexOf(t) != titles.lastIndexOf(t)).distinct().toList();
    }

    /**
     * @return the column's index
     * @throws IllegalStateException if the table has no titles
     * @throws IllegalArgumentException if no column has the title
     */
    int indexOf(String title) {
        Integer at = index.get(title);
        if (at == null) {
            if (titles.isEmpty()) {
                throw new IllegalStateException("the rows have no column titles (parse with a header to name the columns)");
            }
            throw new IllegalArgumentException("no column " + Texts.excerpt(title) + "; the columns are " + titles);
        }
        return at;
    }
}
