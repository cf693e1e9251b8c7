using RseRules.Store;
using RseRules.Web.Hosting;

namespace RseRules.Web.Scenarios;

/// <summary>
/// The workbench's store, opened once (migrated if needed) when the server starts: a store that cannot be opened stops
/// the start with its reason rather than failing the first save.
/// </summary>
public sealed class WorkbenchStore(WorkbenchOptions options) : IAsyncDisposable
{
    private readonly Lazy<Task<IEvaluationStore>> store = new(() => EvaluationStores.OpenAsync(options.Store));

    /// <summary>The open store.</summary>
    public Task<IEvaluationStore> GetAsync() => store.Value;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (store.IsValueCreated && store.Value.IsCompletedSuccessfully)
        {
            await store.Value.Result.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Opens the store as the host starts.</summary>
    internal sealed class Opener(WorkbenchStore store) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => store.GetAsync();

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
