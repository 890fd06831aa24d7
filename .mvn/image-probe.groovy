// Decides, at `initialize` in each module that builds an image, whether images can be built
// here (parent POM, execution "image-probe" of gmavenplus-plugin). Maven's profile activation
// cannot run a command, and "/var/run/docker.sock exists" lies for Colima, rootless Docker, a
// stopped Docker Desktop or a DOCKER_HOST elsewhere; so this asks the Docker CLI, which Jib's
// dockerBuild and the gateway's docker build use too and which honours DOCKER_HOST and contexts.
//   - No engine answers: sets jib.skip=true (Jib reads it from the project at run time; the
//     AppCDS stage and the gateway's docker build follow it) and warns once per build.
//   - The base image cannot be had (no registry, not in the local engine): fails in one line
//     that gives the air-gapped commands, instead of Jib's "I/O error for image [...]".
//   - BOOKSHELF_REQUIRE_TOOLS=true / -Dbookshelf.requireTools=true: a missing engine fails too.
// Bound by the POM: project, session, log; and from <properties>: requireTools, baseImage,
// basePull ("registry": Jib pulls itself; "daemon": docker build pulls through the engine).
import java.util.concurrent.TimeUnit

def fix = 'sudo tools/offline-images.sh, then BOOKSHELF_OFFLINE_BASES=true ./mvnw verify' +
    ' (docs/building.md, "Air-gapped")'
def requireSwitch = 'BOOKSHELF_REQUIRE_TOOLS=true'
def data = session.repositorySession.data

// Runs a command; returns [exit code, output], or null when it cannot start or hangs.
def run = { List<String> command ->
  try {
    def process = new ProcessBuilder(command).redirectErrorStream(true).start()
    def out = new StringBuilder()
    def reader = Thread.start { out << process.inputStream.text }
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly()
      return null
    }
    reader.join()
    return [process.exitValue(), out.toString().trim()]
  } catch (IOException notInstalled) {
    return null
  }
}

def userSkip = session.userProperties.getProperty('jib.skip') ?: session.systemProperties.getProperty('jib.skip')
if (Boolean.parseBoolean(userSkip)) {
  return // -Djib.skip=true: no image wanted, nothing to ask
}

// 1. Does a Docker engine answer? Asked once per build.
def engine = data.get('bookshelf.docker.engine')
if (engine == null) {
  def answer = run(['docker', 'version', '--format', '{{.Server.Version}}'])
  def where = System.getenv('DOCKER_HOST') ? "at DOCKER_HOST=${System.getenv('DOCKER_HOST')}" : 'on this machine'
  if (answer == null) {
    engine = "no docker CLI on the PATH (or it hung), so no Docker engine answers ${where}"
  } else if (answer[0] != 0) {
    engine = "no Docker engine answers ${where} (docker: ${answer[1].readLines().last()})"
  } else {
    engine = ''
    log.info("[image-probe] Docker engine ${answer[1]} answers: images are built")
  }
  data.set('bookshelf.docker.engine', engine)
  if (engine && !Boolean.parseBoolean(requireTools)) {
    log.warn("SKIPPING IMAGE BUILDS: ${engine}. Start Docker to build the images;" +
        " tests that need them skip too, and ${requireSwitch} makes this an error.")
  }
}
if (engine) {
  if (Boolean.parseBoolean(requireTools)) {
    fail("Images are required (${requireSwitch}) but ${engine}. Start Docker (docker info must answer).")
  }
  project.properties.setProperty('jib.skip', 'true')
  return
}
project.properties.setProperty('jib.skip', 'false')

// 2. Can the base image be had? Asked once per image per build.
def key = "bookshelf.base.${baseImage}"
if (data.get(key) != null) {
  narrowPlatforms(data.get("${key}.platforms"))
  return
}
def local = baseImage.startsWith('docker://')
def name = baseImage.replaceFirst('^docker://', '')
if (local || basePull == 'daemon') {
  def inspect = run(['docker', 'image', 'inspect', '--format', '{{.Id}}', name])
  if (inspect != null && inspect[0] == 0) {
    data.set(key, 'local')
    return
  }
  if (local) {
    fail("Base image ${name} is not in the local Docker engine. Build the air-gapped bases: ${fix}")
  }
}
// A registry name: first part with a dot or a port, or localhost; anything else is Docker Hub.
def first = name.contains('/') ? name.substring(0, name.indexOf('/')) : ''
def registry = (first.contains('.') || first.contains(':') || first == 'localhost') ? first : 'registry-1.docker.io'
def host = registry.contains(':') ? registry.substring(0, registry.lastIndexOf(':')) : registry
def port = registry.contains(':') ? registry.substring(registry.lastIndexOf(':') + 1) as int : 443
try {
  new Socket().withCloseable { it.connect(new InetSocketAddress(host, port), 10_000) }
  data.set(key, registry)
} catch (IOException unreachable) {
  if (host == 'localhost' || host == '127.0.0.1') {
    fail("Base image ${name} cannot be pulled: the air-gapped bases' local registry ${registry} does not" +
        " answer. Start it (sudo tools/local-registry.sh start), or build the bases: ${fix}")
  }
  fail("Base image ${name} cannot be pulled: ${registry} does not answer (${unreachable.class.simpleName}: " +
      "${unreachable.message}). No registry here? Use the air-gapped path: ${fix}")
}

// 3. The air-gapped bases hold the architectures tools/offline-images.sh was asked for (this
// machine's by default), and Jib resolves every configured platform before it loads the one
// the engine runs. So build what the local base offers, and say what is left out.
if (host == 'localhost' || host == '127.0.0.1') {
  def wanted = (project.properties.getProperty('jib.from.platforms') ?: '').tokenize(',')*.trim()
  def given = session.userProperties.getProperty('jib.from.platforms')
  def list = run(['docker', 'manifest', 'inspect', '--insecure', name])
  if (!given && wanted && list != null && list[0] == 0) {
    def offered = (new groovy.json.JsonSlurper().parseText(list[1]).manifests ?: [])
        .collect { "${it.platform.os}/${it.platform.architecture}".toString() }
    def kept = wanted.findAll { offered.contains(it) }
    def missing = wanted - kept
    if (!kept) {
      fail("Base image ${name} offers ${offered.join(', ') ?: 'no platform'}, none of ${wanted.join(', ')}." +
          " Build the bases for them: sudo tools/offline-images.sh --arch ${wanted.collect { it.tokenize('/')[1] }.join(',')}")
    }
    if (missing) {
      log.warn("[image-probe] Building ${kept.join(',')} only: the air-gapped base ${name} has no" +
          " ${missing.join(', ')} (sudo tools/offline-images.sh --arch ${wanted.collect { it.tokenize('/')[1] }.join(',')} adds it).")
      data.set("${key}.platforms", kept.join(','))
    }
  }
}
narrowPlatforms(data.get("${key}.platforms"))

void narrowPlatforms(Object platforms) {
  if (platforms) {
    project.properties.setProperty('jib.from.platforms', platforms as String)
  }
}

void fail(String message) {
  log.error(message)
  throw new org.apache.maven.plugin.MojoFailureException(message)
}
