package dev.statelab.ftp;

import static dev.statelab.ftp.FtpReplyBody.JSON;
import static dev.statelab.ftp.FtpReplyBody.PROBLEM;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.statelab.web.UnreadBody;
import dev.statelab.ftp.engine.FtpCommandLine;
import dev.statelab.ftp.engine.FtpFace;
import dev.statelab.ftp.engine.FtpUpload;
import dev.statelab.web.OpenApiConfig;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.statelab.ftp.engine.FtpReply;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * One endpoint per FTP command, for Swagger UI and curl. Each builds the command line and hands it to
 * the same engine as the raw face; no command logic lives here. Paths are relative to the session's
 * current directory. Every call counts as a command and clears a pending RNFR, as in FTP, so even the
 * GET endpoints change the session state.
 */
@RestController
@RequestMapping("/api/ftp")
@Tag(name = "FTP-style commands", description = "Each call is one FTP command in the session named by X-Auth-Token")
@SecurityRequirement(name = OpenApiConfig.FTP_TOKEN)
@ApiResponse(responseCode = "200", description = "The FTP reply; the HTTP status fits its code",
        content = @Content(mediaType = JSON, schema = @Schema(implementation = FtpReplyBody.class)))
@ApiResponse(responseCode = "400", description = "500/501 syntax error or missing parameter, 553 name not allowed, "
        + "425/426 upload without or with cut data", content = @Content(mediaType = JSON, schema = @Schema(implementation = FtpReplyBody.class)))
@ApiResponse(responseCode = "401", description = "No live session: the X-Auth-Token is missing, expired, ended or unknown",
        content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "404", description = "550 not taken: missing, already there, not empty, the wrong kind",
        content = @Content(mediaType = JSON, schema = @Schema(implementation = FtpReplyBody.class)))
@ApiResponse(responseCode = "409", description = "503 bad sequence: RNTO without RNFR, or another command of this "
        + "session still running", content = @Content(mediaType = JSON, schema = @Schema(implementation = FtpReplyBody.class)))
class CommandEndpointsController {

    private final FtpExchange exchange;
    private final FtpResponses responses;

    CommandEndpointsController(FtpExchange exchange, FtpResponses responses) {
        this.exchange = exchange;
        this.responses = responses;
    }

    @GetMapping("/pwd")
    @Operation(summary = "PWD: the current directory (257)")
    void pwd(HttpServletRequest request, HttpServletResponse response) throws IOException {
        run(request, response, "PWD", "");
    }

    @PostMapping("/cwd")
    @Operation(summary = "CWD: change directory (250); '..' stops at your home")
    void cwd(@RequestParam String path, HttpServletRequest request, HttpServletResponse response) throws IOException {
        run(request, response, "CWD", path);
    }

    @PostMapping("/cdup")
    @Operation(summary = "CDUP: go to the parent directory (200)")
    void cdup(HttpServletRequest request, HttpServletResponse response) throws IOException {
        run(request, response, "CDUP", "");
    }

    @GetMapping("/list")
    @Operation(summary = "LIST: entries with MLSD facts type, size, modify, perm (226)")
    void list(@RequestParam(required = false, defaultValue = "") String path, HttpServletRequest request,
              HttpServletResponse response) throws IOException {
        run(request, response, "LIST", path);
    }

    @GetMapping("/nlst")
    @Operation(summary = "NLST: names only (226)")
    void nlst(@RequestParam(required = false, defaultValue = "") String path, HttpServletRequest request,
              HttpServletResponse response) throws IOException {
        run(request, response, "NLST", path);
    }

    @GetMapping("/retr")
    @Operation(summary = "RETR: download, from a pending REST offset if any", description = """
            Streams the bytes (TYPE A converts LF to CRLF) with the reply in the X-FTP-Reply header, \
            e.g. `226 Transfer complete`; errors before streaming are JSON replies.""")
    @ApiResponse(responseCode = "416", description = "554: the REST offset is beyond the end of the file",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = FtpReplyBody.class)))
    void retr(@RequestParam String path, HttpServletRequest request, HttpServletResponse response) throws IOException {
        run(request, response, "RETR", path);
    }

    @PutMapping("/stor")
    @Operation(summary = "STOR: upload a file, atomically (226)", description = """
            The body is the file, whatever its Content-Type says. It replaces any file of that name only once it has fully arrived; a cut \
            or too large upload leaves nothing. TYPE A stores CRLF as LF.""",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE, schema = @Schema(type = "string", format = "binary"))))
    @ApiResponse(responseCode = "413", description = "552: larger than statelab.storage.max-upload-size; nothing is kept",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = FtpReplyBody.class)))
    @ApiResponse(responseCode = "415", description = "501: a form body; send the bytes as they are",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = FtpReplyBody.class)))
    void stor(@RequestParam String path, HttpServletRequest request, HttpServletResponse response) throws IOException {
        upload(request, response, "STOR", path);
    }

    @PostMapping("/appe")
    @Operation(summary = "APPE: append to a file, creating it if missing (226)",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE, schema = @Schema(type = "string", format = "binary"))))
    @ApiResponse(responseCode = "413", description = "552: larger than statelab.storage.max-upload-size; nothing is kept",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = FtpReplyBody.class)))
    @ApiResponse(responseCode = "415", description = "501: a form body; send the bytes as they are",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = FtpReplyBody.class)))
    void appe(@RequestParam String path, HttpServletRequest request, HttpServletResponse response) throws IOException {
        upload(request, response, "APPE", path);
    }

    @DeleteMapping("/dele")
    @Operation(summary = "DELE: delete a file (250)")
    void dele(@RequestParam String path, HttpServletRequest request, HttpServletResponse response) throws IOException {
        run(request, response, "DELE", path);
    }

    @PostMapping("/mkd")
    @Operation(summary = "MKD: make a directory (257)")
    void mkd(@RequestParam String path, HttpServletRequest request, HttpServletResponse response) throws IOException {
        run(request, response, "MKD", path);
    }

    @DeleteMapping("/rmd")
    @Operation(summary = "RMD: remove an empty directory (250)")
    void rmd(@RequestParam String path, HttpServletRequest request, HttpServletResponse response) throws IOException {
        run(request, response, "RMD", path);
    }

    @PostMapping("/rnfr")
    @Operation(summary = "RNFR: rename, step one (350); the name waits in the session for RNTO")
    void rnfr(@RequestParam String path, HttpServletRequest request, HttpServletResponse response) throws IOException {
        run(request, response, "RNFR", path);
    }

    @PostMapping("/rnto")
    @Operation(summary = "RNTO: rename, step two (250); 503 without RNFR just before")
    void rnto(@RequestParam String path, HttpServletRequest request, HttpServletResponse response) throws IOException {
        run(request, response, "RNTO", path);
    }

    @PostMapping("/rest")
    @Operation(summary = "REST: restart the next RETR at a byte offset of the stored file (350)")
    void rest(@RequestParam String offset, HttpServletRequest request, HttpServletResponse response) throws IOException {
        run(request, response, "REST", offset);
    }

    @PostMapping("/type")
    @Operation(summary = "TYPE: A (ASCII, line endings converted) or I (binary) (200)")
    void type(@Parameter(example = "I") @RequestParam String type, HttpServletRequest request,
              HttpServletResponse response) throws IOException {
        run(request, response, "TYPE", type);
    }

    @GetMapping("/size")
    @Operation(summary = "SIZE: a file's size in bytes (213); 550 in TYPE A")
    void size(@RequestParam String path, HttpServletRequest request, HttpServletResponse response) throws IOException {
        run(request, response, "SIZE", path);
    }

    @GetMapping("/mdtm")
    @Operation(summary = "MDTM: a file's modification time, YYYYMMDDHHMMSS in UTC (213)")
    void mdtm(@RequestParam String path, HttpServletRequest request, HttpServletResponse response) throws IOException {
        run(request, response, "MDTM", path);
    }

    @PostMapping("/noop")
    @Operation(summary = "NOOP: do nothing but keep the session alive (200)")
    void noop(HttpServletRequest request, HttpServletResponse response) throws IOException {
        run(request, response, "NOOP", "");
    }

    @GetMapping("/stat")
    @Operation(summary = "STAT: the whole session state (211), or a path's status (213)")
    void stat(@RequestParam(required = false, defaultValue = "") String path, HttpServletRequest request,
              HttpServletResponse response) throws IOException {
        run(request, response, "STAT", path);
    }

    @GetMapping("/feat")
    @Operation(summary = "FEAT: the extensions this server supports (211)")
    void feat(HttpServletRequest request, HttpServletResponse response) throws IOException {
        run(request, response, "FEAT", "");
    }

    @GetMapping("/help")
    @Operation(summary = "HELP: the commands, or one command's syntax (214)")
    void help(@RequestParam(required = false, defaultValue = "") String command, HttpServletRequest request,
              HttpServletResponse response) throws IOException {
        run(request, response, "HELP", command);
    }

    private void run(HttpServletRequest request, HttpServletResponse response, String verb, String argument)
            throws IOException {
        responses.write(request, response, exchange.run(request, FtpFace.ENDPOINTS, FtpCommandLine.of(verb, argument), null));
    }

    /**
     * STOR and APPE take any body as the file's bytes, except a form or multipart body, as the stateless
     * PUT: the servlet container reads a form body as parameters, so the file would arrive empty.
     */
    private void upload(HttpServletRequest request, HttpServletResponse response, String verb, String path)
            throws IOException {
        if (UnreadBody.isForm(request.getContentType())) {
            UnreadBody.closeIfPending(request, response);
            responses.write(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, FtpReplyBody.of(FtpReply.of(501,
                    "Syntax error in parameters: a form is not a file; send the bytes as they are, with Content-Type: "
                            + "application/octet-stream (curl -T file, or curl --data-binary @file -H "
                            + "'Content-Type: application/octet-stream')")));
            return;
        }
        FtpUpload upload = new FtpUpload(request.getInputStream(), request.getContentLengthLong());
        responses.write(request, response, exchange.run(request, FtpFace.ENDPOINTS, FtpCommandLine.of(verb, path), upload));
    }
}
