using System.Collections;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Checkpoint.Loading;

/// <summary>
/// An append-only list kept in pages of at most 64 KiB, for lists with one item per entry of a model (a load's
/// records, <c>States()</c>): with 100,000 entries a <see cref="List{T}"/> would double its way through several
/// large-object-heap arrays, and each of those counts toward a full garbage collection. Pages stay in the
/// small-object heap and are never copied.
/// </summary>
internal sealed class PagedList<T> : IReadOnlyList<T>
{
    // A power of two, so an index splits into page and slot with a shift and a mask.
    private static readonly int PageShift = BitOperations.Log2((uint)Math.Max(16, 64 * 1024 / Unsafe.SizeOf<T>()));
    private static readonly int PageLength = 1 << PageShift;

    private readonly List<T[]> _pages = [];
    private int _count;

    public int Count => _count;

    public T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(index));
            return _pages[index >> PageShift][index & (PageLength - 1)];
        }
    }

    public void Add(T item)
    {
        var slot = _count & (PageLength - 1);
        if (slot == 0) _pages.Add(new T[PageLength]);
        _pages[^1][slot] = item;
        _count++;
    }

    public IEnumerator<T> GetEnumerator()
    {
        var left = _count;
        foreach (var page in _pages)
        {
            var take = Math.Min(left, page.Length);
            for (var i = 0; i < take; i++) yield return page[i];
            left -= take;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
