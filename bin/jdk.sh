# Sourced by the other scripts: selects a JDK that can build and run Parley (21+, 25 preferred)
# and exports JAVA_HOME. The `java` on PATH of this machine kind is 17, which cannot.
java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
}
pick_jdk() {
  local candidate
  for candidate in "${PARLEY_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*25* /usr/lib/jvm/*; do
    if [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ]; then
      local major
      major=$(java_major "$candidate")
      if [ -n "$major" ] && [ "$major" -ge 21 ]; then
        echo "$candidate"
        return 0
      fi
    fi
  done
  return 1
}
if ! JAVA_HOME=$(pick_jdk); then
  echo "Parley needs JDK 21 or newer (JDK 25 recommended); set JAVA_HOME or PARLEY_JAVA_HOME." >&2
  exit 1
fi
export JAVA_HOME
