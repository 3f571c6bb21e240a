/* Craft-village map: reads markers from the #village-markers JSON and draws them with Leaflet (served from
   static/vendor). Tiles come from data-tile-url; without JS or tiles, the list below the map still works. */
(function () {
  "use strict";
  var el = document.getElementById("village-map");
  var data = document.getElementById("village-markers");
  if (!el || !data || !window.L) { return; }
  var markers = JSON.parse(data.textContent);
  if (!markers.length) { return; }
  var icon = L.icon({
    iconUrl: el.dataset.markerIcon, iconRetinaUrl: el.dataset.markerIcon2x, shadowUrl: el.dataset.markerShadow,
    iconSize: [25, 41], iconAnchor: [12, 41], popupAnchor: [1, -34], shadowSize: [41, 41]
  });
  var map = L.map(el, { scrollWheelZoom: false });
  L.tileLayer(el.dataset.tileUrl, { maxZoom: 18, attribution: el.dataset.attribution }).addTo(map);
  var points = [];
  markers.forEach(function (m) {
    var marker = L.marker([m.lat, m.lng], { icon: icon, title: m.title, alt: m.title }).addTo(map);
    var box = document.createElement("div");
    var name = document.createElement(m.url ? "a" : "strong");
    name.textContent = m.title;
    if (m.url) { name.href = m.url; }
    box.appendChild(name);
    if (m.trade) { box.appendChild(document.createElement("br")); box.appendChild(document.createTextNode(m.trade)); }
    marker.bindPopup(box);
    points.push([m.lat, m.lng]);
  });
  if (points.length === 1) {
    map.setView(points[0], parseInt(el.dataset.zoom || "11", 10));
  } else {
    map.fitBounds(points, { padding: [24, 24] });
  }
})();
