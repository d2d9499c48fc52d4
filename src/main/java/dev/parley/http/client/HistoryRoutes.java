package dev.parley.http.client;

import dev.parley.api.client.GetEventByTimestamp;
import dev.parley.api.client.GetEventContext;
import dev.parley.api.client.GetRelatingEvents;
import dev.parley.api.client.GetRoomEvents;
import dev.parley.api.client.RedactEvent;
import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.EventId;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.http.RequestContext;
import dev.parley.http.Route;
import dev.parley.service.room.ClientTransaction;
import dev.parley.service.room.Direction;
import dev.parley.service.room.EventPipeline;
import dev.parley.service.room.EventPipeline.Draft;
import dev.parley.service.room.Relations;
import dev.parley.service.room.RoomEventFilter;
import dev.parley.service.room.RoomHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Room history, redaction and relations: {@code /messages}, {@code /context}, {@code /timestamp_to_event}, {@code /redact}, {@code /relations}. */
public final class HistoryRoutes {
    private HistoryRoutes() {
    }

    public static List<Route> routes(RoomHistory history, Relations relations, EventPipeline pipeline) {
        List<Route> routes = new ArrayList<>();
        routes.add(new Route(GetRoomEvents.ENDPOINT, request -> {
            Direction dir = Direction.parse(request.query("dir")
                    .orElseThrow(() -> new MatrixException(ErrCode.MISSING_PARAM, "Missing dir")));
            RoomHistory.Messages page = history.messages(room(request), user(request), request.query("from"),
                    request.query("to"), dir, intParam(request, "limit"), RoomEventFilter.parse(request.query("filter")));
            return new GetRoomEvents.Response(page.start(), page.end().orElse(null), page.chunk(), page.state().orElse(null));
        }));
        routes.add(new Route(GetEventContext.ENDPOINT, request -> {
            RoomHistory.Context context = history.context(room(request), user(request), event(request),
                    intParam(request, "limit"), RoomEventFilter.parse(request.query("filter")));
            return new GetEventContext.Response(context.start(), context.end(), context.eventsBefore(), context.event(),
                    context.eventsAfter(), context.state());
        }));
        routes.add(new Route(GetEventByTimestamp.ENDPOINT, request -> {
            long ts = longParam(request, "ts").orElseThrow(() -> new MatrixException(ErrCode.MISSING_PARAM, "Missing ts"));
            Direction dir = Direction.parse(request.query("dir")
                    .orElseThrow(() -> new MatrixException(ErrCode.MISSING_PARAM, "Missing dir")));
            RoomHistory.Found found = history.eventAt(room(request), user(request), ts, dir);
            return new GetEventByTimestamp.Response(found.eventId().value(), found.originServerTs());
        }));
        routes.add(new Route(RedactEvent.ENDPOINT, request -> {
            RedactEvent.Request body = request.body(RedactEvent.Request.class);
            UserId sender = user(request);
            EventId target = event(request);
            // A transaction ID is scoped to its endpoint: keep redactions apart from /send's.
            var transaction = new ClientTransaction(sender, request.requester().deviceId().orElse(""),
                    "redact/" + target.value() + "/" + request.pathParam("txnId"));
            var event = pipeline.send(room(request), sender, Draft.redaction(target, Optional.ofNullable(body.reason())),
                    Optional.of(transaction));
            return new RedactEvent.Response(event.pdu().eventId().value());
        }));
        for (var endpoint : List.of(GetRelatingEvents.ENDPOINT, GetRelatingEvents.WITH_REL_TYPE,
                GetRelatingEvents.WITH_REL_TYPE_AND_EVENT_TYPE)) {
            routes.add(new Route(endpoint, request -> {
                String path = request.endpoint().path();
                Optional<String> relType = path.contains("{relType}") ? Optional.of(request.pathParam("relType")) : Optional.empty();
                Optional<String> eventType = path.endsWith("{eventType}") ? Optional.of(request.pathParam("eventType")) : Optional.empty();
                Relations.Page page = relations.children(room(request), user(request), event(request), new Relations.Query(
                        relType, eventType, request.query("from"), request.query("to"), intParam(request, "limit"),
                        request.query("dir").map(Direction::parse), request.query("recurse").map(v -> booleanParam(v, "recurse"))));
                return new GetRelatingEvents.Response(page.chunk(), page.nextBatch().orElse(null),
                        page.prevBatch().orElse(null), page.recursionDepth().isPresent() ? page.recursionDepth().getAsInt() : null);
            }));
        }
        return routes;
    }

    static OptionalInt intParam(RequestContext request, String name) {
        Optional<Long> value = longParam(request, name);
        if (value.isEmpty()) {
            return OptionalInt.empty();
        }
        long v = value.get();
        return OptionalInt.of((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v)));
    }

    private static Optional<Long> longParam(RequestContext request, String name) {
        return request.query(name).map(value -> {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw MatrixException.invalidParam(name + " must be an integer");
            }
        });
    }

    static boolean booleanParam(String value, String name) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw MatrixException.invalidParam(name + " must be true or false");
        };
    }

    private static EventId event(RequestContext request) {
        String id = request.pathParam("eventId");
        if (!EventId.isValid(id)) {
            throw MatrixException.invalidParam("Invalid event ID: " + id);
        }
        return EventId.parse(id);
    }

    private static RoomId room(RequestContext request) {
        return RoomId.parse(request.pathParam("roomId"));
    }

    private static UserId user(RequestContext request) {
        return UserId.parse(request.requester().userId());
    }
}
