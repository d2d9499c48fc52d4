package dev.parley.http.client;

import dev.parley.api.client.CheckUsernameAvailability;
import dev.parley.api.client.Register;
import dev.parley.api.client.RegistrationTokenValidity;
import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.http.RequestContext;
import dev.parley.http.Route;
import dev.parley.service.account.AccountService;
import dev.parley.service.account.Registration;
import java.util.List;

/** Account registration (Client-Server API, "Account registration and management"). */
public final class RegistrationRoutes {
    private RegistrationRoutes() {
    }

    public static List<Route> routes(Registration registration, AccountService accounts) {
        return List.of(
                new Route(Register.ENDPOINT, request -> {
                    boolean guest = switch (request.query("kind").orElse("user")) {
                        case "user" -> false;
                        case "guest" -> true;
                        default -> throw MatrixException.invalidParam("kind must be 'user' or 'guest'");
                    };
                    Registration.Result result = registration.register(request.jsonBody(), guest);
                    var login = result.login();
                    return new Register.Response(result.userId().value(),
                            login.map(l -> l.accessToken()).orElse(null), login.map(l -> l.deviceId()).orElse(null),
                            result.userId().server().value(), login.flatMap(l -> l.refreshToken()).orElse(null),
                            login.flatMap(l -> l.expiresInMs()).orElse(null));
                }),
                new Route(CheckUsernameAvailability.ENDPOINT, request -> {
                    accounts.checkAvailable(required(request, "username"));
                    return new CheckUsernameAvailability.Response(true);
                }),
                new Route(RegistrationTokenValidity.ENDPOINT, request ->
                        new RegistrationTokenValidity.Response(registration.tokenValid(required(request, "token")))));
    }

    private static String required(RequestContext request, String name) {
        return request.query(name).orElseThrow(() -> new MatrixException(ErrCode.MISSING_PARAM, "Missing " + name));
    }
}
