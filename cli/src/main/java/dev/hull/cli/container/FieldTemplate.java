package dev.hull.cli.container;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The field-path form of docker's --format ({@code {{.State.Status}}},
 * {@code {{.Name}}}, text around them): values by path from the inspect JSON.
 * Other Go-template forms are refused with a clear error.
 */
final class FieldTemplate {

    private static final Pattern ACTION = Pattern.compile("\\{\\{\\s*(.*?)\\s*}}");
    private static final Pattern PATH = Pattern.compile("(\\.[A-Za-z_][A-Za-z0-9_]*)+|\\.");

    private FieldTemplate() {
    }

    static String render(String template, JsonNode root) {
        Matcher m = ACTION.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String expr = m.group(1);
            if (!PATH.matcher(expr).matches()) {
                throw new IllegalArgumentException("template: unsupported action {{" + expr
                        + "}}: hull's --format takes field paths such as {{.State.Status}}");
            }
            JsonNode n = root;
            if (!expr.equals(".")) {
                for (String part : expr.substring(1).split("\\.")) {
                    n = n.path(part);
                    if (n.isMissingNode()) {
                        throw new IllegalArgumentException("template: executing \"\" at <" + expr + ">: map has no "
                                + "entry for key \"" + part + "\"");
                    }
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(n.isTextual() ? n.asText()
                    : n.isNull() ? "<no value>" : n.toString()));
        }
        m.appendTail(out);
        return out.toString();
    }
}
