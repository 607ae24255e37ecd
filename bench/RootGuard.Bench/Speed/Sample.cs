using System.Globalization;

namespace RootGuard.Bench.Speed;

/// <summary>The runs of one figure: median, min and max, in milliseconds.</summary>
internal sealed class Sample
{
    private readonly List<double> values = new();

    public Sample(string name) => Name = name;

    public string Name { get; }

    public int Count => values.Count;

    public void Add(double milliseconds) => values.Add(milliseconds);

    public double Median => MedianOf(values);

    /// <summary>The median of any figures (the mean of the middle two for an even count), 0 for none.</summary>
    public static double MedianOf(IEnumerable<double> figures)
    {
        var sorted = figures.OrderBy(v => v).ToList();
        if (sorted.Count == 0) return 0;
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    public double Min => values.Min();

    public double Max => values.Max();

    /// <summary>"412 ms (min 380, max 520, 5 runs)".</summary>
    public override string ToString() => string.Format(CultureInfo.InvariantCulture, "{0:0} ms (min {1:0}, max {2:0}, {3} runs)", Median, Min, Max, Count);

    public static async Task<Sample> MeasureAsync(string name, int runs, Func<int, Task<double>> run)
    {
        var sample = new Sample(name);
        for (var i = 0; i < runs; i++)
        {
            sample.Add(await run(i));
        }

        return sample;
    }
}
