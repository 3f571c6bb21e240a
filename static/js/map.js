/* The one craft-village map (home page section, village listing, village page), drawn with Leaflet and
   Leaflet.markercluster (both vendored under static/vendor). Each element with [data-village-map]
   (templates/includes/village_map.html) says where to find its markers: data-geojson, the address of a GeoJSON
   FeatureCollection of Points with properties {name, url, trade, lang} (the village list's /lang-nghe/geojson/, with
   its filters: fetched, so the page itself stays small however many villages there are), or data-markers, the id of
   a JSON script holding [{title, url, lat, lng, trade}] (a village page's own point); and it carries the site settings' map view: data-center "lat,lng", data-zoom,
   data-bounds "south,west,north,east" (the province), plus data-tile-url, data-attribution, data-marker-zoom,
   data-cluster-label (a cluster's accessible name, translated, with "{count}" for its number of villages:
   "{count} làng nghề — phóng to"), and the map's own files:
   data-map-css and data-map-js (space-separated URLs, loaded in order).
   The files are fetched, and the map drawn, only once a fifth of the map is on screen: a page whose map is further
   down (the home page, the village list on a phone) or hidden on phones (an editor's choice) does not run Leaflet's
   180 KB before the visitor scrolls to it (it blocked the main thread for 0,4–0,7 s on a mid-range phone).
   Markers and clusters are 44 × 44 px tap targets (static/css/map.css); villages closer than the cluster radius are
   drawn as one numbered cluster that zooms in when tapped, so no two targets overlap at any zoom.
   Without JavaScript or tiles, the list of villages next to the map still works. */
(function () {
  "use strict";

  var TARGET = 44; // px: the smallest tap target (WCAG 2.5.5), for markers and clusters alike

  function numbers(text) {
    return (text || "").split(",").map(parseFloat).filter(function (n) { return !isNaN(n); });
  }

  function hiddenText(text) {
    var span = document.createElement("span");
    span.className = "visually-hidden";
    span.textContent = text;
    return span;
  }

  // A pin drawn by CSS inside a 44 px box whose bottom centre is the village's point.
  function villageIcon(title) {
    var html = document.createElement("span");
    html.className = "village-marker__pin";
    html.appendChild(hiddenText(title));
    return L.divIcon({
      html: html, className: "village-marker", iconSize: [TARGET, TARGET], iconAnchor: [TARGET / 2, TARGET],
      popupAnchor: [0, -TARGET + 4]
    });
  }

  function clusterIcon(label) {
    return function (cluster) {
      var count = cluster.getChildCount();
      var html = document.createElement("span");
      html.className = "village-cluster__count";
      html.textContent = String(count);
      html.setAttribute("aria-hidden", "true");
      var wrap = document.createElement("span");
      wrap.appendChild(html);
      var name = label.indexOf("{count}") >= 0 ? label.replace("{count}", String(count)) : count + " " + label;
      wrap.appendChild(hiddenText(name));
      // the cluster's element is Leaflet's keyboard-focusable role="button": it gets its name from aria-label
      var Icon = L.DivIcon.extend({
        createIcon: function (old) {
          var element = L.DivIcon.prototype.createIcon.call(this, old);
          element.setAttribute("role", "button");
          element.setAttribute("aria-label", name);
          return element;
        }
      });
      return new Icon({
        html: wrap, className: "village-cluster" + (count >= 10 ? " village-cluster--large" : ""),
        iconSize: [TARGET, TARGET], iconAnchor: [TARGET / 2, TARGET / 2]
      });
    };
  }

  function popupContent(m) {
    var popup = document.createElement("div");
    var name = document.createElement(m.url ? "a" : "strong");
    name.textContent = m.title;
    if (m.url) { name.href = m.url; }
    if (m.lang) { popup.lang = m.lang; }
    popup.appendChild(name);
    if (m.trade) { popup.appendChild(document.createElement("br")); popup.appendChild(document.createTextNode(m.trade)); }
    return popup;
  }

  // GeoJSON (RFC 7946: [longitude, latitude]) to the markers drawn here; features without a point are skipped.
  function fromGeoJSON(collection) {
    return ((collection && collection.features) || []).filter(function (f) {
      return f.geometry && f.geometry.type === "Point" && f.geometry.coordinates.length >= 2;
    }).map(function (f) {
      var p = f.properties || {};
      return { title: p.name || "", url: p.url || "", trade: p.trade || "", lang: p.lang || "",
        lat: f.geometry.coordinates[1], lng: f.geometry.coordinates[0] };
    });
  }

  // The markers of a map: fetched from data-geojson (same origin, the browser's copy revalidated by its ETag), or
  // read from the JSON script named by data-markers. A failed fetch draws the map without markers (the list below
  // the map still has every village).
  function markersOf(el) {
    if (el.dataset.geojson) {
      return fetch(el.dataset.geojson, { headers: { Accept: "application/geo+json" }, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(fromGeoJSON, function () { return []; });
    }
    var data = document.getElementById(el.dataset.markers);
    return Promise.resolve(data ? JSON.parse(data.textContent) : []);
  }

  function draw(el, markers) {
    var center = numbers(el.dataset.center);
    var box = numbers(el.dataset.bounds);
    var zoom = parseInt(el.dataset.zoom || "8", 10);
    var map = L.map(el, { scrollWheelZoom: false });
    // detectRetina: sharp tiles on high-density phone screens (256 px tiles drawn at 128 CSS px, one zoom deeper).
    L.tileLayer(el.dataset.tileUrl, { maxZoom: 18, detectRetina: true, attribution: el.dataset.attribution }).addTo(map);

    // Clustering when the plugin is there (it always is, but the map still works without it).
    var layer = L.markerClusterGroup ? L.markerClusterGroup({
      maxClusterRadius: 2 * TARGET, showCoverageOnHover: false, spiderfyDistanceMultiplier: 2,
      iconCreateFunction: clusterIcon(el.dataset.clusterLabel || "")
    }) : L.featureGroup();

    var points = [];
    markers.forEach(function (m) {
      var marker = L.marker([m.lat, m.lng], { icon: villageIcon(m.title), title: m.title, riseOnHover: true });
      marker.bindPopup(popupContent(m));
      layer.addLayer(marker);
      points.push([m.lat, m.lng]);
    });
    map.addLayer(layer);

    // The province's box, stretched to every marker, keeps panning near the province.
    var province = box.length === 4 ? L.latLngBounds([box[0], box[1]], [box[2], box[3]]) : null;
    if (province && points.length) { province.extend(L.latLngBounds(points)); }
    if (province) { map.setMaxBounds(province.pad(0.2)); }

    // One marker (a village page): centred on it. Otherwise the province view of the site settings, widened to
    // the markers when a pin (44 px tall, drawn above its point) would not show whole inside it.
    var fit = { paddingTopLeft: [TARGET / 2, TARGET + 4], paddingBottomRight: [TARGET / 2, 12] };
    if (points.length === 1) {
      map.setView(points[0], parseInt(el.dataset.markerZoom || "12", 10));
    } else if (center.length === 2) {
      map.setView(center, zoom);
      if (points.length && !map.getBounds().pad(-0.15).contains(L.latLngBounds(points))) {
        map.fitBounds(points, fit);
      }
    } else if (points.length) {
      map.fitBounds(points, fit);
    } else if (province) {
      map.fitBounds(province);
    }
  }

  var loading = null;

  function load(tag, url) {
    return new Promise(function (resolve, reject) {
      var node = document.createElement(tag);
      if (tag === "link") { node.rel = "stylesheet"; node.href = url; } else { node.src = url; node.async = false; }
      node.onload = resolve;
      node.onerror = reject;
      document.head.appendChild(node);
    });
  }

  // Leaflet, then the plugin (it extends L), with the style sheets; once per page, whatever the number of maps.
  function assets(el) {
    if (!loading) {
      var css = (el.dataset.mapCss || "").split(" ").filter(Boolean);
      var js = (el.dataset.mapJs || "").split(" ").filter(Boolean);
      loading = Promise.all(css.map(function (url) { return load("link", url); }).concat([
        js.reduce(function (previous, url) {
          return previous.then(function () { return load("script", url); });
        }, Promise.resolve())
      ]));
    }
    return loading;
  }

  // The map's files and its markers are fetched at the same time; it is drawn once both are there.
  function show(el) {
    Promise.all([assets(el), markersOf(el)]).then(function (done) {
      if (window.L) {
        draw(el, done[1]);
        el.setAttribute("data-markers-drawn", String(done[1].length));
      }
    });
  }

  function init() {
    var maps = document.querySelectorAll("[data-village-map]");
    if (!("IntersectionObserver" in window)) { maps.forEach(show); return; }
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) { observer.unobserve(entry.target); show(entry.target); }
      });
    }, { threshold: 0.2 });
    maps.forEach(function (el) { observer.observe(el); });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
