namespace SmartUnion.Domain.Entities;

/// <summary>An entity whose creation time <see cref="Data.TimestampInterceptor"/> fills on insert (from the registered TimeProvider).</summary>
public interface ICreatedAt
{
    DateTime CreatedAt { get; }
}

/// <summary>An entity whose CreatedAt and UpdatedAt <see cref="Data.TimestampInterceptor"/> fills on insert and update.</summary>
public interface ITimestamped : ICreatedAt
{
    DateTime UpdatedAt { get; }
}
