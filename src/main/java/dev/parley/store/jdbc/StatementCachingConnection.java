package dev.parley.store.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An SQLite connection that keeps its prepared statements: sqlite-jdbc compiles every
 * {@code prepareStatement} anew ({@code sqlite3_prepare_v2}) and finalises it on {@code close},
 * and a send alone runs about ten statements, so compiling them was a measurable share of the
 * writer thread's time. {@code close()} of a statement from {@code prepareStatement(String)} only
 * hands it back; the next {@code prepareStatement} of the same SQL reuses it (every caller binds
 * every parameter and closes its result sets, which resets the statement, so no read snapshot
 * stays open). A statement still in use (a query run inside another's row loop) is not shared:
 * that caller gets a fresh one. The PostgreSQL driver keeps its own per-connection cache of
 * server-prepared statements, so only SQLite connections are wrapped.
 *
 * <p>Not thread-safe, like the connection: one thread uses it at a time (the writer thread, or
 * the holder of a pooled read connection).
 */
final class StatementCachingConnection implements InvocationHandler {
    /** Far more than the distinct SQL strings the stores run; dynamic IN-lists make the rest. */
    private static final int MAX_STATEMENTS = 256;

    private final Connection target;
    private final Map<String, Cached> statements = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            if (size() <= MAX_STATEMENTS) {
                return false;
            }
            eldest.getValue().evict();
            return true;
        }
    };

    private StatementCachingConnection(Connection target) {
        this.target = target;
    }

    static Connection wrap(Connection target) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                new StatementCachingConnection(target));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getName().equals("prepareStatement") && args != null && args.length == 1 && args[0] instanceof String sql) {
            return prepare(sql);
        }
        if (method.getName().equals("close")) {
            for (Cached cached : new ArrayList<>(statements.values())) {
                cached.evict();
            }
            statements.clear();
        }
        return call(target, method, args);
    }

    private PreparedStatement prepare(String sql) throws SQLException {
        Cached cached = statements.get(sql);
        if (cached == null) {
            cached = new Cached(target.prepareStatement(sql));
            statements.put(sql, cached);
        } else if (cached.inUse) {
            return target.prepareStatement(sql);
        }
        cached.inUse = true;
        return cached.proxy;
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** A kept statement; its proxy's {@code close()} returns it to the cache. */
    private static final class Cached implements InvocationHandler {
        private final PreparedStatement statement;
        private final PreparedStatement proxy;
        private boolean inUse;
        private boolean evicted;
        private boolean maxRowsSet;

        Cached(PreparedStatement statement) {
            this.statement = statement;
            this.proxy = (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                    new Class<?>[] {PreparedStatement.class}, this);
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close" -> {
                    if (maxRowsSet) {
                        statement.setMaxRows(0);
                        maxRowsSet = false;
                    }
                    inUse = false;
                    if (evicted) {
                        statement.close();
                    }
                    return null;
                }
                case "isClosed" -> {
                    return !inUse || statement.isClosed();
                }
                case "setMaxRows" -> maxRowsSet = true;
                default -> {
                }
            }
            return call(statement, method, args);
        }

        /** Dropped from the cache: closed now, or by its user's {@code close()} if in use. */
        void evict() {
            evicted = true;
            if (!inUse) {
                try {
                    statement.close();
                } catch (SQLException ignored) {
                    // Nothing uses the statement any more; a failed finalise frees nothing we could.
                }
            }
        }
    }
}
