using AtolOnline.Json;

namespace AtolOnline.Protocol;

/// <summary>Generic code run for the document type of an <see cref="AtolOperation"/> (see <see cref="AtolOperation.Accept{TResult}"/>).</summary>
/// <typeparam name="TResult">What the visit returns.</typeparam>
public interface IAtolOperationVisitor<out TResult>
{
    /// <summary>Called with the typed operation.</summary>
    /// <typeparam name="TDocument">The operation's request document type.</typeparam>
    /// <param name="operation">The operation.</param>
    /// <returns>The visit's result.</returns>
    TResult Visit<TDocument>(AtolOperation<TDocument> operation)
        where TDocument : class, IAtolJsonModel<TDocument>, IAtolDocument;
}
