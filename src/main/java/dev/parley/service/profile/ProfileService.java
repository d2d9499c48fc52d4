package dev.parley.service.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.ServerName;
import dev.parley.core.id.UserId;
import dev.parley.core.json.Json;
import dev.parley.store.ProfileStore;
import dev.parley.store.UserStore;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Local users' profiles (Client-Server API, "Profiles"): the display name, the avatar, the time
 * zone and custom fields. Remote users' profiles need federation and are not found for now.
 */
public final class ProfileService {
    /** "the total profile MUST be under 64 KiB", measured as the profile's JSON object. */
    static final int MAX_PROFILE_BYTES = 64 * 1024;
    /** {@code mxc://<server-name>/<media-id>}, media IDs being {@code [A-Za-z0-9_-]+} ("Matrix Content (mxc://) URIs"). */
    private static final Pattern MXC = Pattern.compile("^mxc://([^/]+)/[A-Za-z0-9_-]+$");

    private final ProfileStore profiles;
    private final UserStore users;
    private final ServerName serverName;
    private final List<Consumer<UserId>> memberProfileListeners = new CopyOnWriteArrayList<>();

    public ProfileService(ProfileStore profiles, UserStore users, ServerName serverName) {
        this.profiles = profiles;
        this.users = users;
        this.serverName = serverName;
    }

    /**
     * Called after a user's display name or avatar changed, so that their {@code m.room.member}
     * events follow (Client-Server API, "Events on Change of Profile Information").
     */
    public void onMemberProfileChange(Consumer<UserId> listener) {
        memberProfileListeners.add(listener);
    }

    /** Users may change every field of their own profile. */
    public ProfileCapabilities capabilities() {
        return new ProfileCapabilities(true);
    }

    /** @throws MatrixException {@code M_NOT_FOUND} for unknown, deactivated and (for now) remote users */
    public ObjectNode profile(UserId user) {
        requireKnown(user);
        ObjectNode profile = Json.MAPPER.createObjectNode();
        profiles.profile(user).forEach(profile::set);
        return profile;
    }

    /** A text field of a local user's profile, without the checks a client request gets. */
    public Optional<String> text(UserId user, String key) {
        return profiles.field(user, key).filter(JsonNode::isTextual).map(JsonNode::asText);
    }

    /** @return the object {@code getProfileField} answers: the one field, by its name */
    public ObjectNode field(UserId user, String key) {
        requireKnown(user);
        JsonNode value = profiles.field(user, key)
                .orElseThrow(() -> MatrixException.notFound("Profile field not found"));
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.set(key, value);
        return answer;
    }

    /**
     * Sets {@code key} from the request {@code body}, whose property of that name holds the value.
     *
     * @param guest whether the requester is a guest, who may change only the display name
     * @throws MatrixException {@code M_FORBIDDEN} for someone else's profile, {@code M_MISSING_PARAM},
     *     {@code M_BAD_JSON} for a value of the wrong type, {@code M_PROFILE_TOO_LARGE}, {@code M_KEY_TOO_LARGE},
     *     {@code M_GUEST_ACCESS_FORBIDDEN} for a guest and another field
     */
    public void set(UserId requester, boolean guest, UserId target, String keyName, ObjectNode body) {
        requireSelf(requester, target);
        ProfileKey key = ProfileKey.parse(keyName);
        requireGuestAllowed(guest, key);
        JsonNode value = body.get(key.name());
        if (value == null) {
            throw new MatrixException(ErrCode.MISSING_PARAM, "The body must contain '" + key.name() + "'");
        }
        switch (key.name()) {
            case ProfileKey.DISPLAYNAME, ProfileKey.TIME_ZONE -> requireString(key, value);
            case ProfileKey.AVATAR_URL -> {
                requireString(key, value);
                // Clients (Element among them) remove their avatar by setting it to "", which is no MXC URI.
                if (value.asText().isEmpty()) {
                    profiles.delete(target, key.name());
                    changed(target, key);
                    return;
                }
                if (!isMxcUri(value.asText())) {
                    throw MatrixException.badJson("avatar_url must be an mxc:// URI");
                }
            }
            default -> {
                // Custom fields may hold any JSON value, null included (the spec asks servers to store it).
            }
        }
        if (!profiles.set(target, key.name(), value, ProfileService::fits)) {
            throw new MatrixException(ErrCode.PROFILE_TOO_LARGE, "The profile would exceed 64 KiB");
        }
        changed(target, key);
    }

    /** Removes a field; removing one that is not set succeeds too, as the spec says. Guests may remove only their display name. */
    public void delete(UserId requester, boolean guest, UserId target, String keyName) {
        requireSelf(requester, target);
        ProfileKey key = ProfileKey.parse(keyName);
        requireGuestAllowed(guest, key);
        profiles.delete(target, key.name());
        changed(target, key);
    }

    /** "Guest users may only modify their display name; other profile fields may not be changed" ("Guest access"). */
    private static void requireGuestAllowed(boolean guest, ProfileKey key) {
        if (guest && !key.name().equals(ProfileKey.DISPLAYNAME)) {
            throw new MatrixException(ErrCode.GUEST_ACCESS_FORBIDDEN, "Guests may only change their display name");
        }
    }

    private void changed(UserId user, ProfileKey key) {
        if (key.name().equals(ProfileKey.DISPLAYNAME) || key.name().equals(ProfileKey.AVATAR_URL)) {
            memberProfileListeners.forEach(listener -> listener.accept(user));
        }
    }

    /** Gives a newly registered account its first display name. */
    public void initialise(UserId user, String displayName) {
        profiles.set(user, ProfileKey.DISPLAYNAME, TextNode.valueOf(displayName), ProfileService::fits);
    }

    /** Forgets the whole profile: account deactivation with {@code erase} calls this. */
    public void erase(UserId user) {
        profiles.deleteAll(user);
    }

    private void requireKnown(UserId user) {
        if (!user.server().equals(serverName)) {
            throw MatrixException.notFound("Profiles of remote users are not available yet");
        }
        if (users.find(user).filter(u -> !u.deactivated()).isEmpty()) {
            throw MatrixException.notFound("Profile not found");
        }
    }

    private void requireSelf(UserId requester, UserId target) {
        if (!requester.equals(target)) {
            throw MatrixException.forbidden("You may only change your own profile");
        }
    }

    private static void requireString(ProfileKey key, JsonNode value) {
        if (!value.isTextual()) {
            throw MatrixException.badJson(key.name() + " must be a string");
        }
    }

    private static boolean isMxcUri(String uri) {
        var m = MXC.matcher(uri);
        return m.matches() && ServerName.isValid(m.group(1));
    }

    private static boolean fits(SortedMap<String, JsonNode> profile) {
        ObjectNode object = Json.MAPPER.createObjectNode();
        profile.forEach(object::set);
        try {
            return Json.MAPPER.writeValueAsBytes(object).length < MAX_PROFILE_BYTES;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("profile not serialisable", e);
        }
    }
}
