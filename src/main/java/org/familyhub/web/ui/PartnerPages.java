package org.familyhub.web.ui;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.familyhub.connector.ConnectorStatusService;
import org.familyhub.ingest.BatchRepository;
import org.familyhub.ingest.QuarantineRepository;
import org.familyhub.security.Caller;
import org.familyhub.web.ApiError;
import org.familyhub.web.FeedController;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * A partner IT team's pages, always for the partner they act for: their connector's state, recent batches, uploading
 * a file (the same path as an API push), the quarantine with the raw record and the reason, and the files the hub could
 * not read at all. Their rejects are fixed at the source and sent again (a corrected file, uploaded from the batch or
 * the quarantine): records already accepted count as duplicates, so a whole file may be sent again safely.
 */
@Controller
public class PartnerPages {

    private final ConnectorStatusService connectors;
    private final BatchRepository batches;
    private final QuarantineRepository quarantine;
    private final FeedController feeds;

    public PartnerPages(ConnectorStatusService connectors, BatchRepository batches, QuarantineRepository quarantine,
                        FeedController feeds) {
        this.connectors = connectors;
        this.batches = batches;
        this.quarantine = quarantine;
        this.feeds = feeds;
    }

    @GetMapping("/partner")
    public String connector(Authentication auth, Model model) {
        String partner = partner(auth);
        List<Map<String, Object>> status = connectors.status(partner);
        model.addAttribute("partnerId", partner);
        model.addAttribute("connector", status.isEmpty() ? null : status.get(0));
        model.addAttribute("batches", batches.recent(partner, 20));
        return "partner/connector";
    }

    @GetMapping("/partner/upload")
    public String uploadForm(Model model) {
        model.addAttribute("errors", new FormErrors());
        return "partner/upload";
    }

    @PostMapping("/partner/upload")
    public String upload(@RequestParam(required = false) MultipartFile file, Authentication auth, Model model,
                         HttpServletResponse res) throws IOException {
        String partner = partner(auth);
        FormErrors errors = new FormErrors();
        model.addAttribute("errors", errors);
        if (file == null || file.isEmpty()) {
            errors.add("file", "Select a file to upload");
            res.setStatus(400);
            return "partner/upload";
        }
        ResponseEntity<Map<String, Object>> answer = feeds.push(partner, file.getBytes(), safeName(file.getOriginalFilename()), null, auth);
        Map<String, Object> body = answer.getBody();
        if (!answer.getStatusCode().is2xxSuccessful() || body == null || body.get("batchId") == null) {
            errors.add("file", "The hub could not read the file: " + (body == null ? "no answer" : body.get("error")));
            res.setStatus(400);
            return "partner/upload";
        }
        return "redirect:/partner/batches/" + body.get("batchId");
    }

    @GetMapping("/partner/batches/{batchId}")
    public String batch(@PathVariable UUID batchId, Authentication auth, Model model) {
        String partner = partner(auth);
        model.addAttribute("batch", batches.find(partner, batchId)
                .orElseThrow(() -> ApiError.notFound("no batch " + batchId + " for " + partner)));
        model.addAttribute("rejects", quarantine.find(partner, batchId, 1000));
        return "partner/batch";
    }

    @GetMapping("/partner/quarantine")
    public String quarantine(Authentication auth, Model model) {
        String partner = partner(auth);
        model.addAttribute("partnerId", partner);
        model.addAttribute("rejects", quarantine.find(partner, null, 200));
        model.addAttribute("failed", batches.failed(partner, 50));
        return "partner/quarantine";
    }

    private static String partner(Authentication auth) {
        return new Caller(auth).partner().orElseThrow(() -> new org.springframework.security.access.AccessDeniedException(
                auth.getName() + " acts for no partner: ask your administrator to set one"));
    }

    /** The file's own name, without any folder a browser sent (it is shown and kept as the batch's source name). */
    private static String safeName(String name) {
        if (name == null || name.isBlank()) {
            return "upload";
        }
        String base = name.replace('\\', '/');
        return base.substring(base.lastIndexOf('/') + 1);
    }
}
