using InstanceSaliency.Saliency.Inputs;

namespace InstanceSaliency.Saliency.Tests.Catalog;

/// <summary>Inputs that break the network on purpose.</summary>
static class NetworkInputs
{
    /// <summary>The same scan with only its first <paramref name="channels"/> channels: the network's first convolution refuses it.</summary>
    public static NetworkInput WithChannels(NetworkInput input, int channels)
    {
        using var view = input.Padded[.., ..channels];
        return input.WithTensor(view.clone());
    }
}
