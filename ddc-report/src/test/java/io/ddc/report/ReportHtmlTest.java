package io.ddc.report;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import io.ddc.testing.HandMadeLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** The HTML page of a report: self-contained, well-formed, the same tables as the text, escaped. */
final class ReportHtmlTest {
    @TempDir
    Path temp;

    @Test
    void escape_replacesMarkupCharactersAndWhatXmlForbids() {
        assertThat(ReportHtml.escape("a<b>&\"c\"'d'")).isEqualTo("a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;");
        assertThat(ReportHtml.escape("lab-1.x_2")).isEqualTo("lab-1.x_2");
        assertThat(ReportHtml.escape("&amp;")).isEqualTo("&amp;amp;");
        assertThat(ReportHtml.escape("tab\tnew\nline\r")).isEqualTo("tab\tnew\nline\r");
        assertThat(ReportHtml.escape("bell\u0007 nul\u0000 \uFFFE")).isEqualTo("bell\uFFFD nul\uFFFD \uFFFD");
        // a pair of surrogates is one character; a lone one is not allowed
        assertThat(ReportHtml.escape("\uD83D\uDE00 \uD83D x")).isEqualTo("\uD83D\uDE00 \uFFFD x");
        assertThat(ReportHtml.escape("")).isEmpty();
    }

    @Test
    void page_isWellFormed_selfContained_andHasBothCharts() throws Exception {
        Path lab = HandMadeLab.folder(temp, "lab");

        String html = ExperimentReport.read(lab, ZoneId.of("UTC"), problem -> { }).html(false);
        assertThat(html).startsWith("<!DOCTYPE html>\n<html lang=\"en\">")
                .doesNotContain("http://", "https://", "<script", "src=", "href=", "@import", "url(", "<link");
        Document document = parse(html);
        assertThat(text(document, "title")).first().isEqualTo("DDC report of " + lab);
        List<Element> charts = elements(document, "svg");
        assertThat(charts).hasSize(2);
        // one bar per hour with iterations (UTC: 08, 11 and 22), one line per probe
        assertThat(charts.get(0).getElementsByTagName("rect").getLength()).isEqualTo(3);
        assertThat(charts.get(0).getElementsByTagName("title").item(1).getTextContent())
                .isEqualTo("08:00-09:00: 66.7% available, 2 iterations");
        assertThat(charts.get(1).getElementsByTagName("polyline").getLength()).isEqualTo(2);
        // few points: each also gets a dot
        assertThat(charts.get(1).getElementsByTagName("circle").getLength()).isEqualTo(4 + 3);
        assertThat(html).contains("<span class=\"swatch\" style=\"background:#1f77b4\"></span>cpu</span>",
                "<span class=\"swatch\" style=\"background:#d62728\"></span>disk.free-1</span>");
    }

    @Test
    void page_hasTheTablesOfTheTextReport_inTheSameOrder() throws Exception {
        Path lab = HandMadeLab.folder(temp, "lab");
        ReportBuilder builder = new ReportBuilder(lab.toString(), ZoneId.of("Europe/Lisbon"));
        builder.readTraceFile(lab.resolve("cpu.trace"), problem -> { });
        builder.readTraceFile(lab.resolve("disk.free-1.trace"), problem -> { });
        Report report = builder.build();

        Document document = parse(ReportHtml.render(report, false));

        // a table without rows (no stored records for the reasons here) is its title and notes, no <table>
        List<ReportTable> tables = ReportLayout.tables(report, false).stream().filter(table -> !table.rows().isEmpty())
                .toList();
        assertThat(tables).hasSize(11);
        List<Element> htmlTables = elements(document, "table");
        assertThat(htmlTables).hasSize(tables.size());
        for (int i = 0; i < tables.size(); i++) {
            ReportTable table = tables.get(i);
            Element htmlTable = htmlTables.get(i);
            assertThat(previousElement(htmlTable).getTextContent()).isEqualTo(table.title());
            List<List<String>> rows = cells(htmlTable);
            assertThat(rows.get(0)).as(table.title()).isEqualTo(table.headers());
            assertThat(rows.subList(1, rows.size())).as(table.title()).isEqualTo(table.rows());
        }
        assertThat(cells(htmlTables.get(0))).containsExactly(
                List.of("probe", "iterations", "executions", "succeeded", "failed", "unavailable", "% available",
                        "% succeeded"),
                List.of("cpu", "4", "12", "6", "2", "4", "66.7", "50.0"),
                List.of("disk.free-1", "3", "10", "3", "2", "5", "50.0", "30.0"),
                List.of("all probes", "4", "22", "9", "4", "9", "59.1", "40.9"));
        assertThat(text(document, "dt")).containsExactly("execution", "available", "% succeeded", "% available",
                "by hour of day", "numbers");
    }

    @Test
    void aFolderNameWithMarkupCharacters_isEscaped() throws Exception {
        Path lab = HandMadeLab.folder(temp, "lab&<x>\"'");
        String html = ExperimentReport.read(lab, ZoneId.of("UTC"), problem -> { }).html(false);
        assertThat(html).contains("<h1>DDC report of " + temp + "/lab&amp;&lt;x&gt;&quot;&#39;</h1>");
        assertThat(text(parse(html), "h1")).containsExactly("DDC report of " + lab);
    }

    @Test
    void aFolderWithoutIterations_stillMakesAPage() throws Exception {
        Path lab = Files.createDirectory(temp.resolve("lab"));
        Files.createFile(lab.resolve("x.trace"));
        Document document = parse(ExperimentReport.read(lab, ZoneId.of("UTC"), problem -> { }).html(false));
        List<Element> charts = elements(document, "svg");
        assertThat(charts).hasSize(2);
        assertThat(charts.get(0).getElementsByTagName("rect").getLength()).isZero();
        assertThat(text(document, "text")).contains("no iterations");
        assertThat(text(document, "p")).contains("no iterations: the trace file has no well-formed line", "no targets");
    }

    static Document parse(String html) throws Exception {
        // the page's doctype names no external DTD, so the parser loads nothing
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(html.getBytes(UTF_8)));
    }

    private static List<Element> elements(Document document, String tag) {
        NodeList nodes = document.getElementsByTagName(tag);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }

    private static List<String> text(Document document, String tag) {
        return elements(document, tag).stream().map(Node::getTextContent).toList();
    }

    private static Node previousElement(Node node) {
        Node previous = node.getPreviousSibling();
        while (previous != null && previous.getNodeType() != Node.ELEMENT_NODE) {
            previous = previous.getPreviousSibling();
        }
        assertThat(previous).isNotNull();
        return previous;
    }

    /** The cells of a table, header row first. */
    private static List<List<String>> cells(Element table) {
        List<List<String>> rows = new ArrayList<>();
        NodeList trs = table.getElementsByTagName("tr");
        for (int i = 0; i < trs.getLength(); i++) {
            List<String> row = new ArrayList<>();
            NodeList children = trs.item(i).getChildNodes();
            for (int j = 0; j < children.getLength(); j++) {
                if (children.item(j).getNodeType() == Node.ELEMENT_NODE) {
                    row.add(children.item(j).getTextContent());
                }
            }
            rows.add(row);
        }
        return rows;
    }
}
