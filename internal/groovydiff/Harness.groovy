// Parses files the way Jenkins' Groovy 2.4 does, up to Phases.CONVERSION
// (lexing, parsing and building the AST, no class resolution), and prints one
// line per file: "accept<TAB>path" or "reject<TAB>path<TAB>first error".
// The paths are read from standard input, one a line, so that one JVM serves
// every file.
import org.codehaus.groovy.control.CompilationFailedException
import org.codehaus.groovy.control.CompilationUnit
import org.codehaus.groovy.control.CompilerConfiguration
import org.codehaus.groovy.control.Phases
import org.codehaus.groovy.control.SourceUnit

// @Grab would download at CONVERSION; syntax is all that is compared.
System.setProperty('groovy.grape.enable', 'false')
def config = new CompilerConfiguration()
def loader = new GroovyClassLoader(getClass().classLoader, config)
def out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, 'UTF-8')))
System.in.newReader('UTF-8').eachLine { path ->
    if (!path) return
    def verdict
    try {
        // Jenkins hands Groovy the script as a string, so read it as one.
        def text = new String(java.nio.file.Files.readAllBytes(java.nio.file.Paths.get(path)), 'UTF-8')
        def unit = new CompilationUnit(config, null, loader)
        unit.addSource(new SourceUnit('WorkflowScript', text, config, loader, unit.errorCollector))
        unit.compile(Phases.CONVERSION)
        verdict = "accept\t${path}"
    } catch (CompilationFailedException e) {
        def msg = e.message.readLines().find { it.contains('WorkflowScript:') } ?: e.message.readLines().find { it } ?: ''
        verdict = "reject\t${path}\t${msg.trim()}"
    } catch (StackOverflowError e) {
        verdict = "reject\t${path}\tstack overflow"
    } catch (Throwable e) {
        verdict = "reject\t${path}\t${e.class.name}: ${e.message?.readLines()?.find { it }}"
    }
    out.println(verdict.replace('\r', ' '))
    out.flush()
}
