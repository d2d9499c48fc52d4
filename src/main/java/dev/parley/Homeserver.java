package dev.parley;

import dev.parley.api.wellknown.GetWellknownSupport;
import dev.parley.config.ParleyConfig;
import dev.parley.config.SigningKeyFile;
import dev.parley.core.auth.StateKey;
import dev.parley.core.crypto.SigningKey;
import dev.parley.core.id.ServerName;
import dev.parley.core.id.UserId;
import dev.parley.core.room.RoomVersions;
import dev.parley.http.HttpServer;
import dev.parley.http.Requester;
import dev.parley.http.Route;
import dev.parley.http.admin.AdminRoutes;
import dev.parley.http.admin.ReportAdminRoutes;
import dev.parley.http.client.AccountDataRoutes;
import dev.parley.http.client.AccountModerationRoutes;
import dev.parley.http.client.AccountRoutes;
import dev.parley.http.client.CapabilitiesRoutes;
import dev.parley.http.client.DeviceRoutes;
import dev.parley.http.client.DirectoryRoutes;
import dev.parley.http.client.DiscoveryRoutes;
import dev.parley.http.client.EphemeralRoutes;
import dev.parley.http.client.FilterRoutes;
import dev.parley.http.client.HistoryRoutes;
import dev.parley.http.client.PeekRoutes;
import dev.parley.http.client.ReportRoutes;
import dev.parley.http.client.SpaceRoutes;
import dev.parley.http.client.ThreadRoutes;
import dev.parley.http.client.LoginRoutes;
import dev.parley.http.client.MembershipRoutes;
import dev.parley.http.client.OpenIdRoutes;
import dev.parley.http.client.PresenceRoutes;
import dev.parley.http.client.ProfileRoutes;
import dev.parley.http.client.PushRuleRoutes;
import dev.parley.http.client.RegistrationRoutes;
import dev.parley.http.client.RoomRoutes;
import dev.parley.http.client.RoomSummaryRoutes;
import dev.parley.http.client.SlidingSyncRoutes;
import dev.parley.http.client.SyncRoutes;
import dev.parley.http.client.TagRoutes;
import dev.parley.http.client.ThirdPartyIdRoutes;
import dev.parley.http.client.ToDeviceRoutes;
import dev.parley.http.client.KeyRoutes;
import dev.parley.http.client.RoomKeyBackupRoutes;
import dev.parley.http.client.UserDirectoryRoutes;
import dev.parley.http.client.VoipRoutes;
import dev.parley.http.client.WhoisRoutes;
import dev.parley.http.federation.OpenIdUserInfoRoutes;
import dev.parley.http.federation.VersionRoutes;
import dev.parley.http.media.MediaRoutes;
import dev.parley.service.account.AccountModeration;
import dev.parley.service.account.AccountService;
import dev.parley.service.account.DeviceActivity;
import dev.parley.service.account.Devices;
import dev.parley.service.account.InteractiveAuth;
import dev.parley.service.account.LoginTokens;
import dev.parley.service.account.Logins;
import dev.parley.service.account.OpenIdTokens;
import dev.parley.service.account.PasswordHasher;
import dev.parley.service.account.Registration;
import dev.parley.service.account.RegistrationTokens;
import dev.parley.service.account.Sessions;
import dev.parley.service.account.SharedSecretRegistration;
import dev.parley.service.account.Whois;
import dev.parley.service.accountdata.AccountDataService;
import dev.parley.service.accountdata.FilterService;
import dev.parley.service.accountdata.ManagedAccountData;
import dev.parley.service.accountdata.RoomTags;
import dev.parley.service.directory.UserDirectoryService;
import dev.parley.service.edu.Presence;
import dev.parley.service.edu.Receipts;
import dev.parley.service.edu.ToDevice;
import dev.parley.service.e2ee.E2ee;
import dev.parley.service.edu.TypingNotifications;
import dev.parley.service.media.MediaFiles;
import dev.parley.service.media.MediaService;
import dev.parley.service.media.Thumbnailer;
import dev.parley.service.media.UrlPreviewService;
import dev.parley.service.notify.Notifier;
import dev.parley.service.peek.RoomPreviews;
import dev.parley.service.profile.ProfileCapabilities;
import dev.parley.service.profile.ProfileService;
import dev.parley.service.push.PushRuleService;
import dev.parley.service.room.CanonicalAliasCheck;
import dev.parley.service.room.EventFormatter;
import dev.parley.service.room.EventPipeline;
import dev.parley.service.room.ForgottenRooms;
import dev.parley.service.room.HistoryVisibility;
import dev.parley.service.room.MemberProfiles;
import dev.parley.service.room.MutualRooms;
import dev.parley.service.room.Memberships;
import dev.parley.service.room.PublicRooms;
import dev.parley.service.room.Relations;
import dev.parley.service.room.Reports;
import dev.parley.service.room.SpaceHierarchy;
import dev.parley.service.room.ThreadRoots;
import dev.parley.service.room.RoomAliases;
import dev.parley.service.room.RoomCreation;
import dev.parley.service.room.RoomDirectory;
import dev.parley.service.room.RoomHistory;
import dev.parley.service.room.RoomPower;
import dev.parley.service.room.RoomReads;
import dev.parley.service.room.RoomSummaries;
import dev.parley.service.room.RoomUpgrades;
import dev.parley.service.room.StateGroups;
import dev.parley.service.room.SuspendedSenderCheck;
import dev.parley.service.sync.EphemeralStreams;
import dev.parley.service.sync.RoomSections;
import dev.parley.service.sync.RoomSyncParts;
import dev.parley.service.sync.SlidingSyncService;
import dev.parley.service.sync.SyncService;
import dev.parley.service.sync.UnreadCounts;
import dev.parley.service.voip.TurnCredentials;
import dev.parley.store.DeviceStore;
import dev.parley.store.RoomListStore;
import dev.parley.store.jdbc.AccountDataStream;
import dev.parley.store.jdbc.RecentRoomEvents;
import dev.parley.store.jdbc.CountingDatabase;
import dev.parley.store.jdbc.Database;
import dev.parley.store.jdbc.Databases;
import dev.parley.store.jdbc.JdbcAccessTokenStore;
import dev.parley.store.jdbc.JdbcAccountDataStore;
import dev.parley.store.jdbc.JdbcDeviceStore;
import dev.parley.store.jdbc.JdbcCrossSigningStore;
import dev.parley.store.jdbc.JdbcDeviceListStore;
import dev.parley.store.jdbc.JdbcE2eeKeyStore;
import dev.parley.store.jdbc.JdbcKeyBackupStore;
import dev.parley.store.jdbc.JdbcFilterStore;
import dev.parley.store.jdbc.JdbcMediaStore;
import dev.parley.store.jdbc.JdbcOpenIdTokenStore;
import dev.parley.store.jdbc.JdbcProfileStore;
import dev.parley.store.jdbc.JdbcPresenceStore;
import dev.parley.store.jdbc.JdbcPushRuleStore;
import dev.parley.store.jdbc.JdbcReceiptStore;
import dev.parley.store.jdbc.JdbcRegistrationTokenStore;
import dev.parley.store.jdbc.JdbcReportStore;
import dev.parley.store.jdbc.JdbcRoomAliasStore;
import dev.parley.store.jdbc.JdbcRoomDirectoryStore;
import dev.parley.store.jdbc.JdbcRoomListStore;
import dev.parley.store.jdbc.JdbcRoomMemberStore;
import dev.parley.store.jdbc.JdbcRoomStore;
import dev.parley.store.jdbc.JdbcToDeviceStore;
import dev.parley.store.jdbc.JdbcUrlPreviewStore;
import dev.parley.store.jdbc.JdbcUserDirectoryStore;
import dev.parley.store.jdbc.JdbcUserStore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wiring: builds every component from the configuration, in one place, and owns their
 * lifetimes. Nothing else constructs services or stores.
 */
public final class Homeserver implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Homeserver.class);
    /** How often device last-seen details are written. */
    private static final long DEVICE_ACTIVITY_FLUSH_MS = 30_000;

    private final Database database;
    private final HttpServer http;
    private final JvmGcMetrics gcMetrics;
    private final Accounts accounts;
    private final MediaService media;
    private final UrlPreviewService previews;
    private final Notifier notifier;
    /** Typing and presence time-outs: stopped before the database closes. */
    private final List<AutoCloseable> timers;

    private Homeserver(Database database, HttpServer http, JvmGcMetrics gcMetrics, Accounts accounts,
                       MediaService media, UrlPreviewService previews, Notifier notifier, List<AutoCloseable> timers) {
        this.notifier = notifier;
        this.timers = timers;
        this.database = database;
        this.http = http;
        this.gcMetrics = gcMetrics;
        this.accounts = accounts;
        this.media = media;
        this.previews = previews;
    }

    /** The account services, built together because they share stores and each other. */
    private record Accounts(AccountService service, Sessions sessions, DeviceActivity activity, Devices devices,
                            InteractiveAuth uia, Registration registration, Logins logins, LoginTokens loginTokens,
                            SharedSecretRegistration sharedSecret, RegistrationTokens registrationTokens,
                            AccountModeration moderation) {
        List<Route> routes(ParleyConfig config) {
            List<Route> routes = new ArrayList<>();
            routes.addAll(AccountRoutes.routes(service, devices, uia));
            routes.addAll(RegistrationRoutes.routes(registration, service));
            routes.addAll(LoginRoutes.routes(logins, sessions, loginTokens, uia, config.publicBaseUrl()));
            routes.addAll(DeviceRoutes.routes(devices, uia));
            routes.addAll(AdminRoutes.routes(sharedSecret, registrationTokens, service));
            routes.addAll(WhoisRoutes.routes(new Whois(service, devices)));
            routes.addAll(AccountModerationRoutes.routes(moderation, service));
            return routes;
        }

        Optional<Requester> authenticate(String token, String clientIp, String userAgent) {
            return sessions.authenticate(token).map(s -> {
                sessions.seen(s, clientIp, userAgent);
                AccountModeration.Status status = moderation.status(s.userId());
                return new Requester(s.userId().value(), s.deviceId(), s.guest(), status.locked(), status.suspended());
            });
        }
    }

    private static Accounts accounts(ParleyConfig config, Database database, Clock clock, E2ee e2ee) {
        JdbcUserStore users = new JdbcUserStore(database);
        DeviceStore deviceStore = e2ee.tracking(new JdbcDeviceStore(database));
        JdbcRegistrationTokenStore registrationTokenStore = new JdbcRegistrationTokenStore(database);
        AccountService service = new AccountService(users, new PasswordHasher(config.passwords().bcryptRounds()),
                ServerName.parse(config.serverName()), clock);
        DeviceActivity activity = new DeviceActivity(deviceStore, DEVICE_ACTIVITY_FLUSH_MS);
        AccountModeration moderation = new AccountModeration(users, service);
        Sessions sessions = new Sessions(new JdbcAccessTokenStore(database), users, deviceStore, activity, moderation,
                clock, config.sessions());
        Devices devices = new Devices(deviceStore, activity, sessions);
        InteractiveAuth uia = new InteractiveAuth(service, registrationTokenStore, clock,
                Duration.ofMillis(config.sessions().uiaSessionTimeoutMs()));
        LoginTokens loginTokens = new LoginTokens(config.sessions().loginTokenLifetimeMs());
        return new Accounts(service, sessions, activity, devices, uia,
                new Registration(config.registration(), service, sessions, uia, registrationTokenStore, clock),
                new Logins(service, sessions, loginTokens), loginTokens,
                new SharedSecretRegistration(config.registration().sharedSecret(), service, sessions),
                new RegistrationTokens(registrationTokenStore), moderation);
    }

    /** The room services: the event pipeline and what is built on it. */
    private record Rooms(JdbcRoomStore store, EventPipeline pipeline, Memberships memberships, RoomReads reads,
                         RoomAliases aliases, RoomCreation creation, StateGroups stateGroups, HistoryVisibility visibility,
                         RoomDirectory directory, PublicRooms publicRooms, RoomUpgrades upgrades, RoomHistory history,
                         Relations relations, EventFormatter formatter, RecentRoomEvents recentEvents) {
    }

    private static Rooms rooms(Database database, ServerName serverName, SigningKey signingKey, ProfileService profiles,
                               AccountModeration moderation, Clock clock) {
        RecentRoomEvents recentEvents = new RecentRoomEvents();
        JdbcRoomStore store = new JdbcRoomStore(database, recentEvents);
        EventPipeline pipeline = new EventPipeline(store, serverName, signingKey, clock);
        MemberProfiles memberProfiles = new MemberProfiles() {
            @Override
            public Optional<String> displayName(UserId userId) {
                return profiles.text(userId, "displayname");
            }

            @Override
            public Optional<String> avatarUrl(UserId userId) {
                return profiles.text(userId, "avatar_url");
            }
        };
        JdbcRoomMemberStore members = new JdbcRoomMemberStore(database);
        JdbcRoomAliasStore aliasStore = new JdbcRoomAliasStore(database);
        pipeline.addCheck(new CanonicalAliasCheck(aliasStore));
        pipeline.addCheck(new SuspendedSenderCheck(moderation::suspended, store));
        ForgottenRooms forgotten = new ForgottenRooms(members);
        pipeline.addListener(forgotten);
        Memberships memberships = new Memberships(pipeline, store, members, forgotten, memberProfiles, serverName);
        RoomAliases aliases = new RoomAliases(aliasStore, serverName);
        StateGroups stateGroups = new StateGroups(store);
        HistoryVisibility visibility = new HistoryVisibility(store, stateGroups, forgotten);
        EventFormatter formatter = new EventFormatter(store, clock);
        RoomReads reads = new RoomReads(store, stateGroups, visibility, formatter, forgotten);
        RoomHistory history = new RoomHistory(store, stateGroups, visibility, formatter);
        return new Rooms(store, pipeline, memberships, reads, aliases, new RoomCreation(pipeline, memberships, aliases),
                stateGroups, visibility,
                new RoomDirectory(aliasStore, members, new RoomPower(store), pipeline, serverName),
                new PublicRooms(new JdbcRoomDirectoryStore(database), serverName),
                new RoomUpgrades(pipeline, memberships, store, aliasStore),
                history, new Relations(store, visibility, history, formatter), formatter, recentEvents);
    }

    /** Typing, receipts, presence and send-to-device: the streams sync reads beside the rooms. */
    private static EphemeralStreams ephemeral(ParleyConfig config, Database database, Rooms rooms,
                                              AccountDataService accountData, Accounts accounts, Notifier notifier,
                                              Clock clock) {
        ServerName serverName = accounts.service().serverName();
        return new EphemeralStreams(
                new TypingNotifications(rooms.memberships(), notifier, clock),
                new Receipts(new JdbcReceiptStore(database), rooms.store(), rooms.memberships(), rooms.visibility(),
                        accountData, notifier, clock),
                new Presence(config.presence(), new JdbcPresenceStore(database), notifier, clock, serverName,
                        user -> accounts.service().find(user).isPresent()),
                new ToDevice(new JdbcToDeviceStore(database), serverName, notifier, clock));
    }

    private static void closeAll(List<AutoCloseable> closeables) {
        for (AutoCloseable closeable : closeables) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.warn("{} did not stop cleanly", closeable.getClass().getSimpleName(), e);
            }
        }
    }

    /** The configured support contacts as {@code /.well-known/matrix/support} serves them. */
    private static GetWellknownSupport.Response supportDocument(ParleyConfig.Support support) {
        return new GetWellknownSupport.Response(support.contacts().isEmpty() ? null : support.contacts().stream()
                .map(c -> new GetWellknownSupport.Contact(c.matrixId().orElse(null), c.emailAddress().orElse(null),
                        c.role())).toList(),
                support.supportPage().map(java.net.URI::toString).orElse(null));
    }

    /** {@code GET /capabilities}: what this server supports for {@code user}, per the spec's capability names. */
    private static Map<String, Object> capabilities(ProfileService profiles, AccountModeration moderation, UserId user) {
        Map<String, Object> versions = new LinkedHashMap<>();
        RoomVersions.all().forEach(v -> versions.put(v.id(), v.stable() ? "stable" : "unstable"));
        Map<String, Object> capabilities = new LinkedHashMap<>();
        capabilities.put("m.change_password", Map.of("enabled", true));
        capabilities.put("m.room_versions", Map.of("default", RoomVersions.DEFAULT.id(), "available", versions));
        capabilities.put("m.3pid_changes", Map.of("enabled", false));
        capabilities.put("m.get_login_token", Map.of("enabled", true));
        // A suspended user may not change their profile ("Account suspension"), and is told so.
        capabilities.putAll((moderation.suspended(user) ? new ProfileCapabilities(false) : profiles.capabilities())
                .entries());
        capabilities.putAll(moderation.capabilities(user));
        return capabilities;
    }

    /** Opens the database (migrating it) and starts serving. */
    public static Homeserver start(ParleyConfig config) throws Exception {
        long started = System.nanoTime();
        SigningKey signingKey = SigningKeyFile.loadOrGenerate(config.signingKeyPath());
        CountingDatabase database = new CountingDatabase(Databases.open(config.database().url(),
                config.database().maxConnections(), config.database().sqliteReadConnections()));
        UrlPreviewService previews = null;
        List<AutoCloseable> timers = new ArrayList<>();
        try {
            Clock clock = Clock.systemUTC();
            Notifier notifier = new Notifier();
            E2ee e2ee = E2ee.create(new JdbcE2eeKeyStore(database), new JdbcCrossSigningStore(database),
                    new JdbcDeviceListStore(database), new JdbcKeyBackupStore(database), new JdbcRoomMemberStore(database),
                    ServerName.parse(config.serverName()), notifier);
            Accounts accounts = accounts(config, database, clock, e2ee);
            accounts.service().onDeactivation((user, erase) -> e2ee.deactivated(user));
            ProfileService profiles = new ProfileService(new JdbcProfileStore(database), new JdbcUserStore(database),
                    accounts.service().serverName());
            // New accounts start with their localpart as display name, as Synapse does; clients show it.
            accounts.service().onRegistration(profiles::initialise);
            accounts.service().onDeactivation((user, erase) -> {
                if (erase) {
                    profiles.erase(user);
                }
            });
            AccountDataStream accountDataStream = new AccountDataStream(database);
            PushRuleService pushRules = new PushRuleService(new JdbcPushRuleStore(database, accountDataStream));
            Rooms rooms = rooms(database, accounts.service().serverName(), signingKey, profiles, accounts.moderation(),
                    clock);
            profiles.onMemberProfileChange(rooms.memberships()::profileChanged);
            List<Route> routes = new ArrayList<>();
            routes.addAll(DiscoveryRoutes.routes(config.publicBaseUrl(), config.wellKnown().server(),
                    config.wellKnown().support().map(Homeserver::supportDocument)));
            routes.addAll(VersionRoutes.routes(version()));
            routes.addAll(accounts.routes(config));
            OpenIdTokens openId = new OpenIdTokens(new JdbcOpenIdTokenStore(database), clock);
            routes.addAll(OpenIdRoutes.routes(openId, accounts.service().serverName()));
            routes.addAll(OpenIdUserInfoRoutes.routes(openId));
            routes.addAll(CapabilitiesRoutes.routes(user -> capabilities(profiles, accounts.moderation(), user)));
            routes.addAll(ProfileRoutes.routes(profiles));
            routes.addAll(PushRuleRoutes.routes(pushRules));
            AccountDataService accountData = new AccountDataService(new JdbcAccountDataStore(database, accountDataStream), List.of(
                    new ManagedAccountData(PushRuleService.ACCOUNT_DATA_TYPE, pushRules::accountDataContent,
                            pushRules::position)));
            routes.addAll(AccountDataRoutes.routes(accountData));
            routes.addAll(TagRoutes.routes(new RoomTags(accountData)));
            FilterService filters = new FilterService(new JdbcFilterStore(database));
            routes.addAll(FilterRoutes.routes(filters));
            EphemeralStreams ephemeral = ephemeral(config, database, rooms, accountData, accounts, notifier, clock);
            timers.add(ephemeral.typing());
            timers.add(ephemeral.presence());
            rooms.pipeline().addListener(event -> {
                notifier.roomChanged(event.pdu().roomId());
                // Sending an event is pro-active activity ("Last active ago").
                ephemeral.presence().active(event.pdu().sender());
                if (StateKey.MEMBER.equals(event.pdu().type())) {
                    UserId target = UserId.parse(event.pdu().stateKey());
                    // An invite (or any membership change) concerns its target even before they are in the room.
                    notifier.userChanged(target);
                    if (!"join".equals(event.pdu().content().path("membership").asText())) {
                        ephemeral.typing().stop(event.pdu().roomId(), target);
                    }
                }
            });
            accountData.addListener(notifier::userChanged);
            rooms.pipeline().addListener(e2ee.deviceLists()::onEvent);
            RoomListStore roomLists = new JdbcRoomListStore(database, rooms.recentEvents());
            RoomSyncParts syncParts = new RoomSyncParts(rooms.store(), new RoomSections(rooms.store(), roomLists,
                    rooms.stateGroups(), rooms.visibility(), rooms.formatter()), rooms.stateGroups(), rooms.visibility(),
                    rooms.formatter(), rooms.pipeline(), accountData);
            UnreadCounts unreadCounts = new UnreadCounts(roomLists, ephemeral.receipts()::position,
                    ephemeral.receipts()::latestBy);
            routes.addAll(SyncRoutes.routes(new SyncService(rooms.store(), syncParts.sections(), rooms.pipeline(),
                    accountData, ephemeral, notifier, e2ee.deviceLists(), unreadCounts), filters));
            routes.addAll(SlidingSyncRoutes.routes(new SlidingSyncService(syncParts, roomLists, unreadCounts, ephemeral,
                    e2ee.deviceLists(), notifier)));
            routes.addAll(EphemeralRoutes.routes(ephemeral.typing(), ephemeral.receipts()));
            routes.addAll(PresenceRoutes.routes(ephemeral.presence()));
            routes.addAll(ToDeviceRoutes.routes(ephemeral.toDevice()));
            routes.addAll(KeyRoutes.routes(e2ee.uploads(), e2ee.queries(), e2ee.crossSigning(), e2ee.deviceLists(),
                    accounts.uia()));
            routes.addAll(RoomKeyBackupRoutes.routes(e2ee.backups()));
            routes.addAll(UserDirectoryRoutes.routes(new UserDirectoryService(new JdbcUserDirectoryStore(database))));
            routes.addAll(ThirdPartyIdRoutes.routes());
            routes.addAll(VoipRoutes.routes(new TurnCredentials(config.voip(), clock)));
            routes.addAll(RoomRoutes.routes(rooms.creation(), rooms.pipeline(), rooms.memberships(), rooms.reads(),
                    rooms.aliases()));
            routes.addAll(DirectoryRoutes.routes(rooms.directory(), rooms.publicRooms()));
            routes.addAll(MembershipRoutes.routes(rooms.memberships(), rooms.aliases(), rooms.upgrades()));
            routes.addAll(HistoryRoutes.routes(rooms.history(), rooms.relations(), rooms.pipeline()));
            routes.addAll(ThreadRoutes.routes(new ThreadRoots(rooms.store(), rooms.visibility(), rooms.history(),
                    rooms.formatter())));
            SpaceHierarchy hierarchy = new SpaceHierarchy(rooms.store(), new JdbcRoomMemberStore(database));
            routes.addAll(SpaceRoutes.routes(hierarchy));
            routes.addAll(RoomSummaryRoutes.routes(new RoomSummaries(hierarchy, rooms.aliases(),
                    new RoomPower(rooms.store())), new MutualRooms(rooms.store())));
            routes.addAll(PeekRoutes.routes(new RoomPreviews(rooms.store(), rooms.pipeline(), rooms.visibility(),
                    rooms.formatter(), rooms.history(), rooms.reads(), rooms.directory(), ephemeral.receipts(),
                    ephemeral.presence(), accountData, notifier)));
            Reports reports = new Reports(new JdbcReportStore(database), rooms.store(), rooms.visibility(),
                    user -> accounts.service().find(user).isPresent(), clock);
            routes.addAll(ReportRoutes.routes(reports));
            routes.addAll(ReportAdminRoutes.routes(reports, accounts.service()));
            MediaService media = new MediaService(new JdbcMediaStore(database), new MediaFiles(config.media().path()),
                    new Thumbnailer(config.media().maxThumbnailSourcePixels()), accounts.service().serverName(),
                    config.media(), clock);
            previews = new UrlPreviewService(config.media().urlPreview(), new JdbcUrlPreviewStore(database), media, clock);
            routes.addAll(MediaRoutes.routes(media, previews));

            PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            new JvmMemoryMetrics().bindTo(metrics);
            new JvmThreadMetrics().bindTo(metrics);
            new ProcessorMetrics().bindTo(metrics);
            new UptimeMetrics().bindTo(metrics);
            JvmGcMetrics gc = new JvmGcMetrics();
            gc.bindTo(metrics);
            FunctionCounter.builder("parley.database.reads", database, CountingDatabase::reads).register(metrics);
            FunctionCounter.builder("parley.database.writes", database, CountingDatabase::writes).register(metrics);
            Gauge.builder("parley.sync.parked", notifier, Notifier::parked)
                    .description("long-polls (/sync, sliding sync) parked until something changes").register(metrics);

            HttpServer http = new HttpServer(config, routes, accounts::authenticate, metrics, database::isHealthy);
            http.start();
            Homeserver server = new Homeserver(database, http, gc, accounts, media, previews, notifier, timers);
            log.info("Parley {} serving {} (signing key {}) on {} (database: {}) — ready in {} ms", version(),
                    config.serverName(), signingKey.keyId(),
                    server.describeListeners(config), database.dialect().name().toLowerCase(java.util.Locale.ROOT),
                    (System.nanoTime() - started) / 1_000_000);
            return server;
        } catch (Exception | Error e) {
            closeAll(timers);
            if (previews != null) {
                previews.close();
            }
            database.close();
            throw e;
        }
    }

    private String describeListeners(ParleyConfig config) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < config.listeners().size(); i++) {
            var l = config.listeners().get(i);
            out.add((l.tls() ? "https://" : "http://") + l.bind() + ":" + http.port(i) + " " + l.resources());
        }
        http.opsPort().ifPresent(p -> out.add("ops http://" + config.ops().bind() + ":" + p));
        return String.join(", ", out);
    }

    static String version() {
        String v = Homeserver.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** The bound port of the i-th listener. */
    public int port(int listenerIndex) {
        return http.port(listenerIndex);
    }

    public Optional<Integer> opsPort() {
        return http.opsPort();
    }

    public AccountService accounts() {
        return accounts.service();
    }

    public Sessions sessions() {
        return accounts.sessions();
    }

    public MediaService media() {
        return media;
    }

    /** Graceful: stop accepting, finish in-flight requests, then close the database. */
    @Override
    public void close() {
        notifier.close();
        try {
            http.close();
        } catch (Exception e) {
            log.warn("HTTP server did not stop cleanly", e);
        }
        gcMetrics.close();
        closeAll(timers);
        accounts.activity().close();
        previews.close();
        database.close();
        log.info("Parley stopped");
    }
}
