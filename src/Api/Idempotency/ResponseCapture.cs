namespace Matching.Api.Idempotency;

/// <summary>
/// Holds a response body in memory up to a bound, so it can be stored before the client sees it: a client
/// that has the first answer and retries at once then gets the replay, not "in progress".
/// </summary>
/// <remarks>
/// Past the bound it sends what it holds and streams the rest: such an answer is not stored, and memory per
/// request stays bounded. While holding, it is seekable, so an exception handler that clears a half-written
/// response (<c>HttpResponse.Clear</c> truncates seekable bodies) also clears what was held.
/// </remarks>
internal sealed class ResponseCapture(Stream inner, int limit) : Stream
{
    private MemoryStream _held = new();

    /// <summary>The bound was passed: the body went to the client as it came and is not held.</summary>
    public bool Overflowed { get; private set; }

    public override bool CanRead => false;
    public override bool CanSeek => !Overflowed;
    public override bool CanWrite => true;
    public override long Length => Overflowed ? throw new NotSupportedException() : _held.Length;

    public override long Position
    {
        get => Overflowed ? throw new NotSupportedException() : _held.Position;
        set => Held().Position = value;
    }

    /// <summary>The held body; empty after an overflow.</summary>
    public byte[] ToArray() => _held.ToArray();

    /// <summary>Sends the held body to the client; nothing when there is none (a 204 may not carry even an empty write).</summary>
    public Task SendHeldAsync(CancellationToken cancellationToken) =>
        _held.Length == 0
            ? Task.CompletedTask
            : inner.WriteAsync(_held.GetBuffer().AsMemory(0, (int)_held.Length), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (Fits(buffer.Length))
        {
            _held.Write(buffer);
            return;
        }

        if (!Overflowed)
        {
            inner.Write(_held.GetBuffer(), 0, (int)_held.Length);
            Release();
        }

        inner.Write(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (Fits(buffer.Length))
        {
            _held.Write(buffer.Span);
            return;
        }

        if (!Overflowed)
        {
            await SendHeldAsync(cancellationToken);
            Release();
        }

        await inner.WriteAsync(buffer, cancellationToken);
    }

    /// <summary>Flushing would send the headers; while holding there is nothing to send yet.</summary>
    public override void Flush()
    {
        if (Overflowed)
        {
            inner.Flush();
        }
    }

    public override Task FlushAsync(CancellationToken cancellationToken) =>
        Overflowed ? inner.FlushAsync(cancellationToken) : Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => Held().Seek(offset, origin);

    public override void SetLength(long value) => Held().SetLength(value);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _held.Dispose();
        }

        base.Dispose(disposing);
    }

    private bool Fits(int count) => !Overflowed && _held.Position + count <= limit;

    private MemoryStream Held() => Overflowed ? throw new NotSupportedException("The body has been sent.") : _held;

    private void Release()
    {
        Overflowed = true;
        _held.Dispose();
        _held = new MemoryStream(0);
    }
}
