/* The one craft-village map (home page section, village listing, village page), drawn with Leaflet (served from
   static/vendor). Each element with [data-village-map] (templates/includes/village_map.html) says where to find
   its markers (data-markers: the id of a JSON script holding [{title, url, lat, lng, trade}]) and carries the
   site settings' map view: data-center "lat,lng", data-zoom, data-bounds "south,west,north,east" (the province),
   plus data-tile-url, data-attribution, data-marker-zoom and the marker icon URLs. Without JavaScript or tiles, the
   list of villages next to the map still works. */
(function () {
  "use strict";

  function numbers(text) {
    return (text || "").split(",").map(parseFloat).filter(function (n) { return !isNaN(n); });
  }

  function draw(el) {
    var data = document.getElementById(el.dataset.markers);
    var markers = data ? JSON.parse(data.textContent) : [];
    var center = numbers(el.dataset.center);
    var box = numbers(el.dataset.bounds);
    var zoom = parseInt(el.dataset.zoom || "8", 10);
    var icon = L.icon({
      iconUrl: el.dataset.markerIcon, iconRetinaUrl: el.dataset.markerIcon2x, shadowUrl: el.dataset.markerShadow,
      iconSize: [25, 41], iconAnchor: [12, 41], popupAnchor: [1, -34], shadowSize: [41, 41]
    });
    var map = L.map(el, { scrollWheelZoom: false });
    L.tileLayer(el.dataset.tileUrl, { maxZoom: 18, attribution: el.dataset.attribution }).addTo(map);

    var points = [];
    markers.forEach(function (m) {
      var marker = L.marker([m.lat, m.lng], { icon: icon, title: m.title, alt: m.title }).addTo(map);
      var popup = document.createElement("div");
      var name = document.createElement(m.url ? "a" : "strong");
      name.textContent = m.title;
      if (m.url) { name.href = m.url; }
      popup.appendChild(name);
      if (m.trade) { popup.appendChild(document.createElement("br")); popup.appendChild(document.createTextNode(m.trade)); }
      marker.bindPopup(popup);
      points.push([m.lat, m.lng]);
    });

    // The province's box, stretched to every marker, keeps panning near the province.
    var province = box.length === 4 ? L.latLngBounds([box[0], box[1]], [box[2], box[3]]) : null;
    if (province && points.length) { province.extend(L.latLngBounds(points)); }
    if (province) { map.setMaxBounds(province.pad(0.2)); }

    // One marker (a village page): centred on it. Otherwise the province view of the site settings, widened to
    // the markers when a pin (41 px tall, drawn above its point) would not show whole inside it.
    var fit = { paddingTopLeft: [24, 48], paddingBottomRight: [24, 12] };
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

  function init() {
    if (!window.L) { return; }
    document.querySelectorAll("[data-village-map]").forEach(draw);
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
