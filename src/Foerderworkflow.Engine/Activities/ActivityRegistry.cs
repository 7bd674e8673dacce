using System.Reflection;
using Foerderworkflow.Engine.Activities.BuiltIn;

namespace Foerderworkflow.Engine.Activities;

/// <summary>The catalogue of activity types the engine can run, keyed by Elsa type name.</summary>
public sealed class ActivityRegistry
{
    private readonly Dictionary<string, ActivityType> types = new(StringComparer.Ordinal);

    public IReadOnlyCollection<ActivityType> Types => types.Values;

    /// <summary>A registry with the engine's own activities (start, end, decisions, fork/join, waits, timers).</summary>
    public static ActivityRegistry WithBuiltIns()
    {
        var registry = new ActivityRegistry();
        registry.RegisterAssemblyOf<StartActivity>();
        return registry;
    }

    public ActivityRegistry Register<TActivity>() where TActivity : Activity, new() => Register(typeof(TActivity));

    /// <summary>Registers every non-abstract activity with an <see cref="ActivityAttribute"/> in the assembly of <typeparamref name="TMarker"/>.</summary>
    public ActivityRegistry RegisterAssemblyOf<TMarker>()
    {
        foreach (var type in typeof(TMarker).Assembly.GetTypes().Where(t => !t.IsAbstract && typeof(Activity).IsAssignableFrom(t) && t.GetCustomAttribute<ActivityAttribute>() is not null))
        {
            Register(type);
        }

        return this;
    }

    public bool TryGet(string typeName, out ActivityType type) => types.TryGetValue(typeName, out type!);

    private ActivityRegistry Register(Type clrType)
    {
        var type = ActivityType.Describe(clrType);
        if (types.TryGetValue(type.TypeName, out var existing) && existing.ClrType != clrType)
        {
            throw new InvalidOperationException($"Activity type name '{type.TypeName}' is used by both {existing.ClrType} and {clrType}.");
        }

        types[type.TypeName] = type;
        return this;
    }
}
