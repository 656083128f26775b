package torii.apps.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.regex.Pattern;

/**
 * An LLM application that users may be granted. Its upstream API key is not part of it: the key comes from
 * configuration or a secret file named after the id, so the database never holds it.
 */
@Entity
@Table(name = "apps")
@NamedQuery(name = App.ALL, query = "SELECT a FROM App a ORDER BY a.id")
@NamedQuery(name = App.USABLE, query = "SELECT a FROM App a WHERE " + App.GRANTED + " ORDER BY a.id")
public class App {

    public static final String ALL = "App.all";
    /**
     * The applications granted to the caller {@code :caller} of kind {@code :kind} (a user or a client) or to one of
     * the groups {@code :groups}.
     */
    public static final String USABLE = "App.usable";
    static final String GRANTED = "EXISTS (SELECT g FROM Grant g WHERE g.appId = a.id AND "
            + "((g.kind = :kind AND g.grantee = :caller) "
            + "OR (g.kind = torii.apps.entity.Grantee.GROUP AND g.grantee IN :groups)))";

    /** A short slug that also forms the scope {@code app:<id>} and the model name callers use. */
    public static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{1,31}");

    @Id
    @Column(length = 32)
    private String id;

    @Column(nullable = false)
    private String name;

    @Column(length = 1024)
    private String description;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Backend backend;

    @Column(name = "base_url", length = 512)
    private String baseUrl;

    @Column(length = 128)
    private String model;

    /** Where an HTTP application's own documentation is, for its users to read. */
    @Column(name = "docs_url", length = 512)
    private String docsUrl;

    /** Made by demo mode; deleted whenever the service starts without it. */
    private Boolean demo;

    @Version
    private long version;

    protected App() {
    }

    public App(String id, String name, String description, Backend backend, String baseUrl, String model) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id must be a slug");
        }
        this.id = id;
        describe(name, description, backend, baseUrl, model, null);
    }

    /**
     * Everything but the id, which grants and scopes refer to, may change. Only a chat backend that is not built in
     * (OpenAI-compatible or Azure OpenAI) has a model, only an HTTP one a link to its documentation, and only the
     * remote ones a base URL. An Azure deployment becomes a segment of the URL's path, where a dot segment would
     * climb out of it.
     */
    public final App describe(String name, String description, Backend backend, String baseUrl, String model,
            String docsUrl) {
        if (backend == Backend.OPENAI && (baseUrl == null || model == null)) {
            throw new IllegalArgumentException("an OpenAI-compatible backend needs a base URL and a model");
        }
        if (backend == Backend.AZURE_OPENAI && (baseUrl == null || model == null)) {
            throw new IllegalArgumentException("an Azure OpenAI backend needs its resource endpoint as base URL and "
                    + "its deployment as model");
        }
        if (backend == Backend.AZURE_OPENAI && (model.isBlank() || model.equals(".") || model.equals(".."))) {
            throw new IllegalArgumentException("an Azure OpenAI deployment must be a name, not blank, . or ..");
        }
        if (backend == Backend.HTTP && baseUrl == null) {
            throw new IllegalArgumentException("an HTTP backend needs a base URL");
        }
        this.name = name;
        this.description = description;
        this.backend = backend;
        this.baseUrl = backend.remote() ? baseUrl : null;
        this.model = backend == Backend.OPENAI || backend == Backend.AZURE_OPENAI ? model : null;
        this.docsUrl = backend == Backend.HTTP ? docsUrl : null;
        return this;
    }

    public App markDemo() {
        demo = true;
        return this;
    }

    public boolean demo() {
        return Boolean.TRUE.equals(demo);
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public Backend backend() {
        return backend;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String model() {
        return model;
    }

    public String docsUrl() {
        return docsUrl;
    }
}
