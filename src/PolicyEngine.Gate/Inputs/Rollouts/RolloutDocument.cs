using System.Text.Json.Serialization;

namespace PolicyEngine.Gate.Inputs.Rollouts;

/// <summary>The release being judged, as written in a rollout file (docs/schemas/rollout.schema.json).</summary>
public sealed class RolloutDocument
{
    /// <summary>The schema the file declares; ignored.</summary>
    [JsonPropertyName("$schema")]
    public string? Schema { get; set; }

    /// <summary>The candidate model.</summary>
    public string? Model { get; set; }

    /// <summary>The candidate version.</summary>
    public string? Version { get; set; }

    /// <summary>scale, architecture, data-curation or hybrid.</summary>
    public string? Lever { get; set; }

    /// <summary>offline, canary or full.</summary>
    public string? Stage { get; set; }

    /// <summary>Judge as of this time instead of now: to replay a past decision, or to keep a fixed sample reproducible.</summary>
    public DateTimeOffset? AsOf { get; set; }
}
