package dev.statelab.http;

/** Example bodies shown in the OpenAPI description. */
final class ApiExamples {

    static final String LISTING = """
            {"path":"/docs/","entries":[\
            {"name":"a.txt","type":"file","size":12,"modified":"2026-11-24T10:00:00Z","etag":"\\"c-187b1c3a2f1e8a00-2b1f4\\""},\
            {"name":"old","type":"dir","size":0,"modified":"2026-11-23T08:30:00Z","etag":"\\"1000-187ad0e3c1b00000-2b1f5\\""}]}""";

    static final String UNAUTHENTICATED = """
            {"type":"urn:statelab:problem:unauthenticated","title":"Unauthorized","status":401,\
            "detail":"Send your user name and password with HTTP Basic authentication.","instance":"/api/http/files/docs/a.txt"}""";

    static final String NOT_FOUND = """
            {"type":"urn:statelab:problem:not-found","title":"Not found","status":404,\
            "detail":"/docs/a.txt does not exist.","instance":"/api/http/files/docs/a.txt"}""";

    static final String PRECONDITION = """
            {"type":"urn:statelab:problem:precondition-failed","title":"Precondition failed","status":412,\
            "detail":"/docs/a.txt has changed: its ETag is now \\"d-187b1c3a2f1e8a00-2b1f6\\".","instance":"/api/http/files/docs/a.txt"}""";

    static final String EXISTS = """
            {"type":"urn:statelab:problem:already-exists","title":"Already exists","status":409,\
            "detail":"/archive/a.txt already exists.","instance":"/api/http/files/docs/a.txt"}""";

    private ApiExamples() {
    }
}
