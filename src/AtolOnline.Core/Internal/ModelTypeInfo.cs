using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using AtolOnline.Json;

namespace AtolOnline.Internal;

/// <summary>Type infos over the generated readers and writers: no reflection, so NativeAOT-safe.</summary>
internal static class ModelTypeInfo
{
    public static JsonTypeInfo<T> Create<T>(JsonSerializerOptions options)
        where T : class, IAtolJsonModel<T> =>
        JsonMetadataServices.CreateValueInfo<T>(options, new ModelConverter<T>());

    private sealed class ModelConverter<T> : JsonConverter<T>
        where T : class, IAtolJsonModel<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            JsonRead.Root<T>(ref reader, null);

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => value.WriteTo(writer);
    }
}
