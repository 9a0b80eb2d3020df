namespace PolicyEngine.Probe;

/// <summary>How far a candidate's outputs are from a baseline's on the same inputs, accumulated over batches.</summary>
public sealed class OutputComparison
{
    private long _items;
    private long _agreeing;
    private long _values;
    private double _sumAbsDiff;

    /// <summary>Items compared.</summary>
    public long Items => _items;

    /// <summary>Share of items whose argmax (over the last axis) agrees, 0–1.</summary>
    public double Agreement => _items == 0 ? double.NaN : (double)_agreeing / _items;

    /// <summary>Largest absolute difference of any output value.</summary>
    public double MaxAbsDiff { get; private set; }

    /// <summary>Mean absolute difference over all output values.</summary>
    public double MeanAbsDiff => _values == 0 ? double.NaN : _sumAbsDiff / _values;

    /// <summary>Adds one batch: both outputs flat, of one shape whose last dimension is <paramref name="classes"/>.</summary>
    public void Add(ReadOnlySpan<float> candidate, ReadOnlySpan<float> baseline, int classes)
    {
        if (candidate.Length != baseline.Length)
        {
            throw new ProbeException($"the candidate's output has {candidate.Length} values and the baseline's {baseline.Length}; agreement needs outputs of one shape");
        }

        if (classes <= 0 || candidate.Length % classes != 0)
        {
            throw new ProbeException($"an output of {candidate.Length} values does not split into rows of {classes}");
        }

        for (var i = 0; i < candidate.Length; i++)
        {
            var diff = Math.Abs((double)candidate[i] - baseline[i]);
            if (double.IsNaN(diff))
            {
                throw new ProbeException("an output is NaN; agreement cannot be measured");
            }

            MaxAbsDiff = Math.Max(MaxAbsDiff, diff);
            _sumAbsDiff += diff;
        }

        _values += candidate.Length;
        for (var row = 0; row < candidate.Length / classes; row++)
        {
            _items++;
            if (ArgMax(candidate.Slice(row * classes, classes)) == ArgMax(baseline.Slice(row * classes, classes)))
            {
                _agreeing++;
            }
        }
    }

    private static int ArgMax(ReadOnlySpan<float> row)
    {
        var best = 0;
        for (var i = 1; i < row.Length; i++)
        {
            if (row[i] > row[best])
            {
                best = i;
            }
        }

        return best;
    }
}
