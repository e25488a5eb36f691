using System.Collections.Generic;

namespace PodBench.Runtime.Cluster;

/// <summary>An ordered YAML mapping; values are strings, numbers, booleans, <see cref="YamlMap"/> or lists of those.</summary>
internal sealed class YamlMap : List<KeyValuePair<string, object>>
{
    /// <summary>Adds a key (collection-initializer form: <c>{ "key", value }</c>).</summary>
    public void Add(string key, object value) => Add(new KeyValuePair<string, object>(key, value));

    /// <summary>Adds a key only when <paramref name="value"/> is not null.</summary>
    public YamlMap AddIf(string key, object? value)
    {
        if (value is not null)
        {
            Add(key, value);
        }

        return this;
    }
}
