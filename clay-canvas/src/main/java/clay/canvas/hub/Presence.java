package clay.canvas.hub;

/** How prominent a surface is; the layout gives focused surfaces the most room and receded ones the least. */
public enum Presence { FOCUSED, ACTIVE, RECEDED }
