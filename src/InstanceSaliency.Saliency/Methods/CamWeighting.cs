namespace InstanceSaliency.Saliency.Methods;

/// <summary>How Grad-CAM++ weighs the captured channels (method.md §6).</summary>
public enum CamWeighting
{
    /// <summary>Instance (local) weights, paper eq. 10: w_k[u] = α_k[u]·ReLU(g_k[u]), one weight per channel and position.</summary>
    Local,

    /// <summary>Classic (global) weights as MONAI's GradCAMpp: w_k = Σ_u α_k[u]·ReLU(g_k[u]), one weight per channel.</summary>
    Global,
}
