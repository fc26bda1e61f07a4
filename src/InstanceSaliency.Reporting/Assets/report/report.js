// InstanceSaliency report: lesion table (sort, filter) and the NiiVue view of the chosen lesion. Vanilla JS; works
// from file:// (lesion data arrive as classic scripts, never fetched) and from `ies serve`.
(function () {
  "use strict";
  var table = document.getElementById("lesions");
  var body = table.tBodies[0];
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);

  function cellValue(row, index) {
    var cell = row.cells[index];
    var raw = cell.getAttribute("data-value");
    if (raw === null) return cell.textContent;
    return raw === "" ? NaN : parseFloat(raw);
  }

  function sortBy(index, th) {
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellValue(a, index), y = cellValue(b, index);
      if (typeof x === "number" || typeof y === "number") {
        if (isNaN(x) && isNaN(y)) return 0;
        if (isNaN(x)) return 1;   // undefined values last, whatever the direction
        if (isNaN(y)) return -1;
        return ascending ? x - y : y - x;
      }
      return ascending ? String(x).localeCompare(String(y)) : String(y).localeCompare(String(x));
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }

  headers.forEach(function (th, index) {
    th.addEventListener("click", function () { sortBy(index, th); });
  });

  var typeFilter = document.getElementById("type-filter");
  var minVoxels = document.getElementById("min-voxels");
  var allColumns = document.getElementById("all-columns");
  function applyFilter() {
    var type = typeFilter.value, min = parseFloat(minVoxels.value);
    Array.prototype.forEach.call(body.rows, function (row) {
      var ok = (type === "all" || row.getAttribute("data-type") === type) &&
               (isNaN(min) || parseFloat(row.getAttribute("data-voxels")) >= min);
      row.hidden = !ok;
    });
    document.getElementById("shown-count").textContent = String(Array.prototype.filter.call(body.rows, function (r) { return !r.hidden; }).length);
  }
  typeFilter.addEventListener("change", applyFilter);
  minVoxels.addEventListener("input", applyFilter);
  allColumns.addEventListener("change", function () { table.classList.toggle("compact", !allColumns.checked); });
  applyFilter();

  // ---- the chosen lesion ----
  var nv = null;
  var detail = document.getElementById("detail");
  var status = document.getElementById("viewer-status");

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = src;
      s.onload = resolve;
      s.onerror = function () { reject(new Error("could not load " + src)); };
      document.head.appendChild(s);
    });
  }

  function viewer() {
    if (nv) return Promise.resolve(nv);
    nv = new niivue.Niivue({
      backColor: [0, 0, 0, 1], show3Dcrosshair: false, crosshairColor: [1, 1, 0, 0.35], crosshairWidth: 0.25, crosshairWidthUnit: "mm",
      multiplanarShowRender: niivue.SHOW_RENDER.NEVER,
      isRadiologicalConvention: true, sagittalNoseLeft: true, isColorbar: false, isOrientationTextVisible: true,
      textHeight: 0.05, multiplanarForceRender: true, isNearestInterpolation: true
    });
    window.iesViewer = nv;
    return nv.attachTo("gl").then(function () {
      // The figure's colours: ColorBrewer RdBu halves (from light to dark) and a dark-red-to-yellow heat ramp, each rising from
      // transparent, so weak saliency leaves the anatomy visible (built-in ramps start at opaque black).
      nv.addColormap("ies_positive", { R: [244, 244, 178], G: [165, 165, 24], B: [130, 130, 43], A: [0, 60, 230], I: [0, 1, 255] });
      nv.addColormap("ies_negative", { R: [146, 146, 33], G: [197, 197, 102], B: [222, 222, 172], A: [0, 60, 230], I: [0, 1, 255] });
      nv.addColormap("ies_heat", { R: [128, 128, 230, 255, 255], G: [0, 0, 60, 170, 255], B: [0, 0, 0, 0, 140], A: [0, 60, 150, 210, 230], I: [0, 1, 85, 170, 255] });
      nv.addColormap("ies_outline", { R: [0, 0, 0], G: [230, 230, 230], B: [64, 64, 64], A: [0, 255, 255], I: [0, 1, 255] });
      nv.opts.multiplanarShowRender = niivue.SHOW_RENDER.NEVER;
      nv.setSliceType(nv.sliceTypeMultiplanar);
      nv.setRadiologicalConvention(true);
      return nv;
    });
  }

  function image(data, name, colormap, calMin, calMax, opacity) {
    return niivue.NVImage.loadFromBase64({
      base64: data.volumes[name], name: name + ".nii.gz", colormap: colormap,
      cal_min: calMin, cal_max: calMax, opacity: opacity, trustCalMinMax: true
    });
  }

  var current = { data: null, layers: {} };

  function showLayers() {
    var layers = current.layers;
    if (!nv || !layers.flair) return;
    var choice = document.querySelector("input[name=overlay]:checked").value;
    var background = /_t1$/.test(choice) ? layers.t1 : layers.flair;
    nv.moveVolumeToBottom(background);
    Object.keys(layers).forEach(function (name) {
      var v = layers[name];
      var opacity = 0;
      if (v === background) opacity = 1;
      else if (name === "outline") opacity = document.getElementById("show-outline").checked ? 1 : 0;
      else if (name === choice) opacity = 0.85;
      v.opacity = opacity;
    });
    nv.updateGLVolume();
    document.getElementById("legend-signed").hidden = choice.indexOf("smoothgrad") !== 0;
    document.getElementById("legend-cam").hidden = choice !== "gradcampp";
  }

  function signed(v, limit) {
    // Positive red, negative blue, both calibrated on |value| from 5 % to 100 % of max|M| over the neighbourhood
    // (the figure's limits). NiiVue reads cal_minNeg/cal_maxNeg only once set on the loaded image (platform-notes).
    v.colormapNegative = "ies_negative";
    v.useNegativeCmap = true;
    v.cal_min = 0.05 * limit; v.cal_max = limit;
    v.cal_minNeg = -0.05 * limit; v.cal_maxNeg = -limit;
  }

  function show(id) {
    var row = body.querySelector("tr[data-id='" + id + "']");
    Array.prototype.forEach.call(body.rows, function (r) { r.classList.toggle("selected", r === row); });
    detail.classList.add("shown");
    document.getElementById("detail-title").textContent = row ? row.getAttribute("data-title") : "Lesion " + id;
    var id4 = ("000" + id).slice(-4);
    document.getElementById("figure").src = "figures/lesion-" + id4 + ".png";
    status.textContent = "loading lesion " + id + " …";
    document.body.removeAttribute("data-viewer-lesion");
    var ready = window.iesLesions && window.iesLesions[id] ? Promise.resolve() : loadScript("assets/lesions/lesion-" + id4 + ".js");
    return ready.then(viewer).then(function () {
      var data = window.iesLesions[id];
      var w = data.windows, l = data.limits;
      var loads = [image(data, "flair", "gray", w.flair[0], w.flair[1], 1), image(data, "t1", "gray", w.t1[0], w.t1[1], 0),
                  ];
      var names = ["flair", "t1"];
      ["smoothgrad_flair", "smoothgrad_t1", "smoothgrad-max_flair", "smoothgrad-max_t1", "gradcampp"].forEach(function (name) {
        if (data.volumes[name]) {
          loads.push(image(data, name, name === "gradcampp" ? "ies_heat" : "ies_positive", 0.05 * l[name], l[name], 0));
          names.push(name);
        }
      });
      loads.push(image(data, "outline", "ies_outline", 0.5, 1, 1));
      names.push("outline");
      document.querySelectorAll("input[name=overlay]").forEach(function (input) {
        input.disabled = input.value !== "none" && !data.volumes[input.value];
      });
      return Promise.all(loads).then(function (images) {
        while (nv.volumes.length > 0) nv.removeVolume(nv.volumes[nv.volumes.length - 1]);
        current = { data: data, layers: {} };
        images.forEach(function (v, n) {
          if (names[n].indexOf("smoothgrad") === 0) signed(v, l[names[n]]);
          current.layers[names[n]] = v;
          nv.addVolume(v);
        });
        showLayers();
        var limit = l.smoothgrad_flair;
        document.getElementById("signed-limit").textContent = limit === undefined ? "" : limit.toPrecision(3);
        status.textContent = "lesion " + id + ": crosshair at the lesion centroid; scroll to move through slices.";
        document.body.setAttribute("data-viewer-lesion", String(id));
      });
    }).catch(function (e) {
      status.textContent = "Could not show lesion " + id + ": " + e.message;
      throw e;
    });
  }
  window.iesShowLesion = show;

  body.addEventListener("click", function (e) {
    var row = e.target.closest("tr");
    if (row) {
      history.replaceState(null, "", "#lesion-" + row.getAttribute("data-id"));
      show(parseInt(row.getAttribute("data-id"), 10));
    }
  });
  // A link to index.html#lesion-7 opens lesion 7.
  // Otherwise the page opens on the first lesion in table order, the first TP when the run has a ground truth.
  var linked = /^#lesion-(\d+)$/.exec(location.hash);
  var opening = linked && body.querySelector("tr[data-id='" + linked[1] + "']") ? linked[1] : null;
  if (!opening) {
    var first = body.querySelector("tr[data-type='TP']") || body.rows[0];
    if (first) opening = first.getAttribute("data-id");
  }
  if (opening) show(parseInt(opening, 10));
  document.querySelectorAll("input[name=overlay], #show-outline").forEach(function (input) {
    input.addEventListener("change", showLayers);
  });
})();
