using Acornima.Ast;
using Jint;

namespace Foerderworkflow.Engine.Expressions;

/// <summary>A parsed script, shareable across engines and threads, and whether running it declares globals.</summary>
internal sealed class PreparedExpression
{
    public PreparedExpression(Prepared<Script> script)
    {
        Script = script;
        DeclaresGlobals = script.Program?.Body.Any(statement => statement is VariableDeclaration or FunctionDeclaration or ClassDeclaration) ?? false;
    }

    public Prepared<Script> Script { get; }

    /// <summary>
    /// A top-level <c>var</c>, <c>let</c>, <c>const</c>, <c>function</c> or <c>class</c> stays in the engine after
    /// the script ends: another instance could read it, and a second run of a <c>let</c> would fail as a redeclaration.
    /// An engine that ran such a script is therefore used for nothing else.
    /// </summary>
    public bool DeclaresGlobals { get; }
}
