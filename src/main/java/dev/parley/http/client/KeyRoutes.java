package dev.parley.http.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.client.ClaimKeys;
import dev.parley.api.client.GetKeysChanges;
import dev.parley.api.client.QueryKeys;
import dev.parley.api.client.UploadCrossSigningKeys;
import dev.parley.api.client.UploadCrossSigningSignatures;
import dev.parley.api.client.UploadKeys;
import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.UserId;
import dev.parley.http.Route;
import dev.parley.service.account.InteractiveAuth;
import dev.parley.service.e2ee.CrossSigning;
import dev.parley.service.e2ee.DeviceLists;
import dev.parley.service.e2ee.KeyQueries;
import dev.parley.service.e2ee.KeyUploads;
import dev.parley.service.sync.SyncToken;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The key management API and cross-signing (Client-Server API, "End-to-End Encryption"). */
public final class KeyRoutes {
    private static final List<List<String>> PASSWORD_FLOW = List.of(List.of(InteractiveAuth.PASSWORD));

    private KeyRoutes() {
    }

    public static List<Route> routes(KeyUploads uploads, KeyQueries queries, CrossSigning crossSigning,
                                     DeviceLists deviceLists, InteractiveAuth uia) {
        return List.of(
                new Route(UploadKeys.ENDPOINT, request -> Map.of("one_time_key_counts",
                        uploads.upload(user(request.requester().userId()), request.requester().deviceId(),
                                request.jsonBody()))),
                // The timeout parameter is for remote servers; all keys answered here are local.
                new Route(QueryKeys.ENDPOINT, request ->
                        queries.query(user(request.requester().userId()), request.jsonBody())),
                new Route(ClaimKeys.ENDPOINT, request -> queries.claim(request.jsonBody())),
                new Route(GetKeysChanges.ENDPOINT, request -> {
                    SyncToken from = SyncToken.parse(required(request.query("from"), "from"));
                    SyncToken to = SyncToken.parse(required(request.query("to"), "to"));
                    DeviceLists.Changes changes = deviceLists.changesSince(user(request.requester().userId()),
                            from.deviceLists(), to.deviceLists());
                    return Map.of("changed", changes.changed().stream().map(UserId::value).toList(),
                            "left", changes.left().stream().map(UserId::value).toList());
                }),
                new Route(UploadCrossSigningKeys.ENDPOINT, request -> {
                    UserId user = user(request.requester().userId());
                    ObjectNode body = request.jsonBody();
                    if (crossSigning.needsAuth(user, body)) {
                        uia.authenticate(body, PASSWORD_FLOW, Map.of(), "device_signing_upload", Optional.of(user));
                    }
                    crossSigning.upload(user, body);
                    return Map.of();
                }),
                new Route(UploadCrossSigningSignatures.ENDPOINT, request ->
                        crossSigning.uploadSignatures(user(request.requester().userId()), request.jsonBody())));
    }

    private static String required(Optional<String> value, String name) {
        return value.orElseThrow(() -> new MatrixException(ErrCode.MISSING_PARAM, "Missing " + name));
    }

    private static UserId user(String userId) {
        return UserId.parse(userId);
    }
}
