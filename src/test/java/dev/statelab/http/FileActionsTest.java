package dev.statelab.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;

import org.junit.jupiter.api.Test;

class FileActionsTest extends HttpApiTest {

    @Test
    void mkdirCreatesAFolderOnceThenAnswers409() {
        String dir = folder("actions-mkdir");
        HttpResponse<String> created = post(dir + "/new?action=mkdir");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/http/files/actions-mkdir/new/");
        assertThat(created.body()).contains("\"name\":\"new\",\"type\":\"dir\"");
        assertThat(Files.isDirectory(onDisk(dir + "/new"))).isTrue();
        assertProblem(post(dir + "/new?action=mkdir"), 409);
        assertProblem(post(dir + "/no/such/new?action=mkdir"), 404);
    }

    @Test
    void moveRenamesInOneRequestAndReplacesOnlyWithOverwrite() {
        String dir = folder("actions-move");
        put(dir + "/a.txt", "a");
        put(dir + "/b.txt", "b");
        HttpResponse<String> moved = post(dir + "/a.txt?action=move&to=/" + dir + "/c.txt");
        assertThat(moved.statusCode()).isEqualTo(201);
        assertThat(moved.headers().firstValue("Location")).hasValue("/api/http/files/actions-move/c.txt");
        assertProblem(get(dir + "/a.txt"), 404);
        assertThat(get(dir + "/c.txt").body()).isEqualTo("a");

        assertProblem(post(dir + "/c.txt?action=move&to=/" + dir + "/b.txt"), 409);
        assertThat(get(dir + "/b.txt").body()).isEqualTo("b");
        assertProblem(post(dir + "/c.txt?action=move&to=/" + dir + "/b.txt&overwrite=false"), 409);

        HttpResponse<String> replaced = post(dir + "/c.txt?action=move&to=/" + dir + "/b.txt&overwrite=true");
        assertThat(replaced.statusCode()).isEqualTo(200);
        assertThat(get(dir + "/b.txt").body()).isEqualTo("a");
        assertProblem(get(dir + "/c.txt"), 404);
    }

    @Test
    void copyLeavesTheSourceAndReplacesOnlyWithOverwrite() {
        String dir = folder("actions-copy");
        put(dir + "/a.txt", "a");
        put(dir + "/b.txt", "b");
        assertThat(post(dir + "/a.txt?action=copy&to=/" + dir + "/copy.txt").statusCode()).isEqualTo(201);
        assertThat(get(dir + "/a.txt").body()).isEqualTo("a");
        assertThat(get(dir + "/copy.txt").body()).isEqualTo("a");
        assertProblem(post(dir + "/a.txt?action=copy&to=/" + dir + "/b.txt"), 409);
        assertThat(post(dir + "/a.txt?action=copy&to=/" + dir + "/b.txt&overwrite=true").statusCode()).isEqualTo(200);
        assertThat(get(dir + "/b.txt").body()).isEqualTo("a");
    }

    @Test
    void foldersMoveAndCopyWholeButNeverIntoThemselves() {
        String dir = folder("actions-tree");
        post(dir + "/src?action=mkdir");
        put(dir + "/src/x.txt", "x");
        assertThat(post(dir + "/src?action=copy&to=/" + dir + "/dst").statusCode()).isEqualTo(201);
        assertThat(get(dir + "/dst/x.txt").body()).isEqualTo("x");
        assertProblem(post(dir + "/src?action=move&to=/" + dir + "/src/inner"), 400);
    }

    @Test
    void badActionsAreRefusedWith400() {
        String dir = folder("actions-bad");
        put(dir + "/a.txt", "a");
        assertProblem(post(dir + "/a.txt?action=move"), 400);
        assertProblem(post(dir + "/a.txt?action=explode&to=/x"), 400);
        assertProblem(post(dir + "/a.txt?action=move&to=/../../etc/passwd"), 400);
        assertProblem(post(dir + "/a.txt"), 400);
    }

    @Test
    void deleteRemovesFilesAndEmptyFoldersButAsksBeforeRecursing() {
        String dir = folder("actions-delete");
        put(dir + "/a.txt", "a");
        post(dir + "/full?action=mkdir");
        put(dir + "/full/x.txt", "x");
        HttpRequest.Builder deleteFile = asUser(files(dir + "/a.txt")).DELETE();
        assertThat(send(deleteFile.build()).statusCode()).isEqualTo(204);
        assertProblem(send(deleteFile.build()), 404);
        assertProblem(send(asUser(files(dir + "/full")).DELETE().build()), 409);
        assertThat(get(dir + "/full/x.txt").body()).isEqualTo("x");
        assertThat(send(asUser(uri("/api/http/files/" + dir + "/full?recursive=true")).DELETE().build()).statusCode()).isEqualTo(204);
        assertThat(Files.exists(onDisk(dir + "/full"))).isFalse();
        assertProblem(send(asUser(files("")).DELETE().build()), 400);
    }

    @Test
    void nestedPathsWorkAsSwaggerUiEncodesThem() {
        String dir = folder("actions-swagger");
        // Swagger UI sends a path parameter through encodeURIComponent: '/' becomes %2F
        HttpResponse<String> created = send(asUser(files(dir + "%2Fdeep.txt")).PUT(HttpRequest.BodyPublishers.ofString("d")).build());
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/http/files/actions-swagger/deep.txt");
        assertThat(get(dir + "%2Fdeep.txt").body()).isEqualTo("d");
        assertThat(get(dir + "/deep.txt").body()).isEqualTo("d");
        assertThat(post(dir + "%2Fsub?action=mkdir").statusCode()).isEqualTo(201);
        assertThat(post(dir + "%2Fdeep.txt?action=copy&to=%2F" + dir + "%2Fsub%2Fcopy.txt").statusCode()).isEqualTo(201);
        assertThat(get(dir + "/sub/copy.txt").body()).isEqualTo("d");
        assertThat(send(asUser(files(dir + "%2Fsub%2Fcopy.txt")).DELETE().build()).statusCode()).isEqualTo(204);
    }

    @Test
    void encodedTraversalStaysRefused() {
        for (String hostile : new String[] {"..%2F..%2Fetc%2Fpasswd", "a%2F..%2F..%2Fx", "%2F..%2Fbo", "a%252F..%252Fx",
                "%2e%2e%2Fx", "..%5Cx", "a%00b", "C:%2Fwindows"}) {
            HttpResponse<String> response = get(hostile);
            assertThat(response.statusCode()).as(hostile).isEqualTo(400);
            assertThat(response.body()).as(hostile).doesNotContain(ROOT.toString()).doesNotContain("Exception");
        }
    }

    @Test
    void encodedSlashesStayRefusedOutsideTheFileApi() {
        HttpResponse<String> response = send(asUser(uri("/api/http/token%2Fx")).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertProblem(response, 400);
    }

    @Test
    void eachUserSeesOnlyTheirOwnHome() {
        String dir = folder("actions-jail");
        put(dir + "/private.txt", "bo's");
        HttpResponse<String> other = send(as(ADMIN, ADMIN_PASSWORD, files(dir + "/private.txt")).build());
        assertProblem(other, 404);
    }

    @Test
    void anUnsupportedMethodIs405() {
        assertProblem(send(asUser(files("a.txt")).method("PATCH", HttpRequest.BodyPublishers.ofString("x")).build()), 405);
    }

    @Test
    void requestsWithoutOrWithWrongCredentialsAre401() {
        HttpResponse<String> none = send(HttpRequest.newBuilder(files("")).build());
        assertProblem(none, 401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value).startsWith("Basic"));
        assertProblem(send(as(USER, "wrong", files("")).build()), 401);
        assertProblem(send(as("nobody", "x", files("")).build()), 401);
    }
}
