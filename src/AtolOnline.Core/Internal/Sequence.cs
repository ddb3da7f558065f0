namespace AtolOnline.Internal;

/// <summary>Element-wise equality and hashing for the collections of generated records.</summary>
internal static class Sequence
{
    public static bool Equal<T>(IReadOnlyList<T>? a, IReadOnlyList<T>? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a is null || b is null || a.Count != b.Count)
        {
            return false;
        }

        var comparer = EqualityComparer<T>.Default;
        for (int i = 0; i < a.Count; i++)
        {
            if (!comparer.Equals(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }

    public static void AddTo<T>(ref HashCode hash, IReadOnlyList<T>? items)
    {
        if (items is null)
        {
            hash.Add<int>(0);
            return;
        }

        hash.Add<int>(items.Count); // explicit type arguments: Stryker's mutants of these calls do not infer them
        for (int i = 0; i < items.Count; i++)
        {
            hash.Add<T>(items[i]);
        }
    }
}
