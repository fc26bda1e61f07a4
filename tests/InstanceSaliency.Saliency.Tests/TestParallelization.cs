// Tests here seed LibTorch's global random generator (torch.manual_seed) and then build networks from it; test
// classes running in parallel would draw from the same generator in between, so they run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
