using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Dashboard.Data;

/// <summary>Counts the SQL commands the app sends (<c>dashboard.database.commands</c>), so benchmarks and tests can check what a change costs.</summary>
public sealed class DatabaseCommandCounter(Observability.DashboardMetrics metrics) : DbCommandInterceptor
{
    private long _executed;

    public long Executed => Interlocked.Read(ref _executed);

    public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
    {
        Interlocked.Increment(ref _executed);
        metrics.DatabaseCommand();
        return result;
    }
}
