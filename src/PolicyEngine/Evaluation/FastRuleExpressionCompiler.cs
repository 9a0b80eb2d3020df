using System.Linq.Expressions;
using FastExpressionCompiler;
using NRules.Extensibility;

namespace PolicyEngine.Evaluation;

/// <summary>
/// Compiles the rules' condition and action expressions with FastExpressionCompiler instead of
/// <c>Expression.Compile</c>: compiling a pack's session factory is dominated by expression compilation,
/// and this makes it several times faster (docs/benchmarks.md). An expression it cannot compile falls back
/// to the built-in compiler.
/// </summary>
internal sealed class FastRuleExpressionCompiler : IExpressionCompiler
{
    /// <inheritdoc/>
    public TDelegate Compile<TDelegate>(Expression<TDelegate> expression)
        where TDelegate : Delegate => expression.CompileFast(ifFastFailedReturnNull: true) ?? expression.Compile();
}
