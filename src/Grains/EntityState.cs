namespace Matching;

/// <summary>The persisted part every entity shares: its normalised profile and when it was written.</summary>
public abstract class EntityState<TProfile>
    where TProfile : class
{
    /// <summary>Null until the entity is created: an activation for an unknown id holds no entity.</summary>
    [Id(0)] public TProfile? Profile { get; set; }
    [Id(1)] public DateTimeOffset CreatedAt { get; set; }
    [Id(2)] public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The keyed request that created the entity (see <see cref="Idempotency.RequestKey"/>), if it had a key.</summary>
    [Id(3)] public string? CreatedBy { get; set; }

    public bool Exists => Profile is not null;
}
