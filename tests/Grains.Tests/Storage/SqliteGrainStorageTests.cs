using Matching.Storage;
using Matching.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Matching.Tests.Storage;

public sealed class SqliteGrainStorageTests : GrainStorageContract<SqliteGrainStorage>
{
    private readonly TempFolder _data = new();

    protected override Task<SqliteGrainStorage> OpenAsync() =>
        Task.FromResult(new SqliteGrainStorage(_data.Path, NullLogger<SqliteGrainStorage>.Instance));

    protected override Task DeleteDataAsync()
    {
        _data.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_store_lives_in_one_file_under_the_data_path()
    {
        await Store.PingAsync();

        Assert.True(File.Exists(Path.Combine(_data.Path, SqliteGrainStorage.FileName)));
    }
}
