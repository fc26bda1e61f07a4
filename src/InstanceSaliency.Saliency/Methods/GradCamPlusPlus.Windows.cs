using InstanceSaliency.Models.Inference;
using InstanceSaliency.Saliency.Targets;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace InstanceSaliency.Saliency.Methods;

// Grad-CAM++ of a non-local network (instance normalisation) through the sliding window that made the prediction
// (method.md §4): one whole-volume pass would explain a different function from the one that found the lesion.
public sealed partial class GradCamPlusPlus
{
    /// <summary>
    /// The sliding-window blend's layer output is the activations A_w of all its windows; g_w = ∂s_Ω/∂A_w through the
    /// blend on Ω's bounding box (<see cref="SlidingWindowInference.RunOn"/>: only windows overlapping Ω run, g = 0 in
    /// the others). α's Σ_{u'} and the global weights' Σ_u run over every window's grid, as over one layer grid; each
    /// L_w is upsampled trilinearly to its window and the windows blended with the prediction's Gaussian weights
    /// (<see cref="SlidingWindowInference.BlendWindows"/>). With local weights L_w = 0 where g_w = 0; with global
    /// weights the other windows are run too (without autograd) for their A_w. <paramref name="region"/> must be the
    /// whole padded grid, where the windows are placed.
    /// </summary>
    Tensor AttributeThroughWindows(AttributionModel model, Tensor input, VoxelBox region, InstanceTarget target)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        var b = target.Bounds;
        if (region.I0 != 0 || region.J0 != 0 || region.K0 != 0 || !region.Contains(b))
            throw new ArgumentException($"Lesion {target.Id}: a non-local network is explained through the sliding window over the whole padded grid; got the region {region}.", nameof(region));
        var windowsRun = new List<(int D, int H, int W)>();
        using var capture = new ActivationCapture(model.Layer(LayerName), asGradientSource: true, keepAll: true);
        var logits = model.SlidingWindow.RunOn(model.Network, input.detach(), [new(b.I0, b.I0 + b.SizeI), new(b.J0, b.J0 + b.SizeJ), new(b.K0, b.K0 + b.SizeK)], windowsRun);
        if (capture.Activations.Count != windowsRun.Count)
            throw new Imaging.InvalidInputException(
                $"{model.Model.Source}: layer {LayerName} ran {capture.Activations.Count} times for {windowsRun.Count} windows; choose a layer the network calls once per pass (--cam-layer).");
        var activations = capture.Activations.ToArray();
        var g = cat(autograd.grad([target.Score(logits, b)], activations), 0);
        var a = cat(activations.Select(t => t.detach()).ToArray(), 0);
        var weights = Weights(a, g);
        var maps = functional.relu((weights * a).sum(1, keepdim: true));
        var run = windowsRun.Select((origin, n) => (origin, n)).ToDictionary(p => p.origin, p => p.n);
        int roi = model.SlidingWindow.Settings.RoiSizeVoxels;
        var blended = model.SlidingWindow.BlendWindows(input.detach(), (window, origin) =>
        {
            Tensor l;
            if (run.TryGetValue(origin, out int n)) l = maps[TensorIndex.Slice(n, n + 1)];
            else if (Weighting == CamWeighting.Local) return null;
            else
            {
                using (no_grad()) model.Network.call(window);
                l = functional.relu((weights * capture.Activation!.detach()).sum(1, keepdim: true));
            }
            return functional.interpolate(l, size: [roi, roi, roi], mode: InterpolationMode.Trilinear, align_corners: false);
        });
        return blended[0].detach();
    }
}
